// The overview's throughput charts and worker list against real PostgreSQL: job_runs rows at known times
// (on both sides of the bucket and window edges) must land in exactly the expected buckets, and heartbeats
// fresh and stale must read as alive and dead.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { deadAfterSeconds, getThroughput, listWorkers } from "../src/index.ts";

const db = useTestDatabase();

/** The moment the windows are read "as of": buckets end with 10:00–10:05 (hour) and 10:00–11:00 (day). */
const at = new Date("2026-01-15T10:02:30Z");

async function runs(rows: { task: string; startedAt: string; outcome: "success" | "failure" }[]) {
  await db.prisma.jobRun.createMany({
    data: rows.map((row, i) => ({
      jobId: BigInt(i + 1),
      taskIdentifier: row.task,
      attempt: 1,
      maxAttempts: 3,
      startedAt: new Date(row.startedAt),
      durationMs: 5,
      outcome: row.outcome,
    })),
  });
}

const zeros = (length: number, set: Record<number, number> = {}) =>
  Array.from({ length }, (_, i) => set[i] ?? 0);

beforeAll(async () => {
  await runs([
    { task: "test:a", startedAt: "2026-01-15T10:01:00Z", outcome: "success" },
    { task: "test:a", startedAt: "2026-01-15T10:00:00Z", outcome: "success" }, // a bucket's first instant
    { task: "test:a", startedAt: "2026-01-15T09:59:59.999Z", outcome: "failure" }, // the bucket before
    { task: "test:a", startedAt: "2026-01-15T09:05:00Z", outcome: "success" }, // the hour's first bucket
    { task: "test:a", startedAt: "2026-01-15T09:04:59Z", outcome: "success" }, // just outside the hour
    { task: "test:a", startedAt: "2026-01-15T10:05:00Z", outcome: "success" }, // after the hour's last bucket
    { task: "test:b", startedAt: "2026-01-15T09:30:00Z", outcome: "failure" },
    { task: "test:b", startedAt: "2026-01-15T09:31:00Z", outcome: "failure" },
    { task: "test:b", startedAt: "2026-01-15T09:32:00Z", outcome: "success" },
    { task: "test:c", startedAt: "2026-01-14T11:00:00Z", outcome: "success" }, // the day's first bucket
    { task: "test:old", startedAt: "2026-01-14T10:59:59Z", outcome: "failure" }, // just outside the day
    { task: "test:old", startedAt: "2026-01-03T10:00:00Z", outcome: "success" },
  ]);
});

describe("throughput per task", () => {
  it("counts the last hour in 12 buckets of 5 minutes", async () => {
    const hour = await getThroughput(db.prisma, "hour", at);
    expect(hour.bucketSeconds).toBe(300);
    expect(hour.bucketStarts.map((start) => start.toISOString())).toEqual(
      Array.from({ length: 12 }, (_, i) =>
        new Date(Date.parse("2026-01-15T09:05:00Z") + i * 300_000).toISOString(),
      ),
    );
    expect(hour.tasks).toEqual([
      {
        task: "test:a",
        completed: zeros(12, { 0: 1, 11: 2 }),
        failed: zeros(12, { 10: 1 }),
        totalCompleted: 3,
        totalFailed: 1,
      },
      {
        task: "test:b",
        completed: zeros(12, { 5: 1 }),
        failed: zeros(12, { 5: 2 }),
        totalCompleted: 1,
        totalFailed: 2,
      },
    ]);
  });

  it("counts the last day in 24 buckets of an hour", async () => {
    const day = await getThroughput(db.prisma, "day", at);
    expect(day.bucketStarts).toHaveLength(24);
    expect(day.bucketStarts[0]?.toISOString()).toBe("2026-01-14T11:00:00.000Z");
    expect(day.bucketStarts[23]?.toISOString()).toBe("2026-01-15T10:00:00.000Z");
    expect(day.tasks).toEqual([
      {
        task: "test:a",
        // 10:05 is in the day's last bucket (10:00–11:00), unlike the hour's (10:00–10:05).
        completed: zeros(24, { 22: 2, 23: 3 }),
        failed: zeros(24, { 22: 1 }),
        totalCompleted: 5,
        totalFailed: 1,
      },
      {
        task: "test:b",
        completed: zeros(24, { 22: 1 }),
        failed: zeros(24, { 22: 2 }),
        totalCompleted: 1,
        totalFailed: 2,
      },
      {
        task: "test:c",
        completed: zeros(24, { 0: 1 }),
        failed: zeros(24),
        totalCompleted: 1,
        totalFailed: 0,
      },
    ]);
  });

  it("reads up to the database's now() when no moment is given", async () => {
    await db.prisma.$executeRaw`
      insert into job_runs (job_id, task_identifier, attempt, max_attempts, started_at, duration_ms, outcome)
      values (100, 'test:now', 1, 1, now() - interval '1 second', 5, 'failure')`;
    const hour = await getThroughput(db.prisma, "hour");
    expect(hour.bucketStarts).toHaveLength(12);
    expect(hour.tasks.map((task) => [task.task, task.totalCompleted, task.totalFailed])).toEqual([
      ["test:now", 0, 1],
    ]);
  });
});

describe("workers", () => {
  it("are alive while their heartbeat is younger than deadAfterSeconds", async () => {
    const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await db.prisma.workerHeartbeat.createMany({
      data: [
        { workerId: "fresh", hostname: "h1", pid: 1, lastSeenAt: secondsAgo(1) },
        { workerId: "recent", hostname: "h2", pid: 2, lastSeenAt: secondsAgo(deadAfterSeconds - 10) },
        { workerId: "stale", hostname: "h3", pid: 3, lastSeenAt: secondsAgo(deadAfterSeconds + 10) },
        { workerId: "gone", hostname: "h4", pid: 4, lastSeenAt: secondsAgo(86_400) },
      ],
    });
    const workers = await listWorkers(db.prisma);
    expect(Object.fromEntries(workers.map((worker) => [worker.workerId, worker.alive]))).toEqual({
      fresh: true,
      recent: true,
      stale: false,
      gone: false,
    });
    expect(workers.find((worker) => worker.workerId === "fresh")).toMatchObject({ hostname: "h1", pid: 1 });
  });
});
