// The monitoring reads against real graphile-worker: jobs added with add_jobs, failed by a real runner running
// a task that throws, one held by a live runner, some scheduled for later; heartbeats fresh and stale; and the
// totals the triggers keep as job_runs and the outbox are written.
import { runOnceAndRelease } from "@nitip/db/testing";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getQueueHealth,
  getQueueInfo,
  getQueueStats,
  readJobRunTotals,
  readNotificationSendTotals,
} from "../src/index.ts";

const db = useTestDatabase({ max: 10 });
let runner: Runner | undefined;
let release = () => {};
const logger = new Logger(() => () => {});

/** graphile-worker's batch add: one call, several jobs, each with its own run_at and attempts. */
async function addJobs(jobs: { task: string; runAt?: Date; maxAttempts?: number }[]) {
  const specs = jobs.map((job) => ({
    identifier: job.task,
    payload: {},
    run_at: (job.runAt ?? new Date()).toISOString(),
    max_attempts: job.maxAttempts ?? 25,
  }));
  await db.prisma.$queryRaw`
    select 1 from graphile_worker.add_jobs(array(
      select json_populate_record(null::graphile_worker.job_spec, spec)
        from json_array_elements(${JSON.stringify(specs)}::json) spec))`;
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  // Three failed for good (one attempt each, a real runner runs the task that throws).
  await addJobs([
    { task: "test:boom", maxAttempts: 1 },
    { task: "test:boom", maxAttempts: 1 },
    { task: "test:other-boom", maxAttempts: 1 },
  ]);
  const boom = () => {
    throw new Error("boom");
  };
  await runOnceAndRelease({
    pgPool: db.pool,
    logger,
    taskList: { "test:boom": boom, "test:other-boom": boom },
  });
  // Four ready (one waiting ten minutes), two scheduled for tomorrow, one running in a live runner.
  const tomorrow = new Date(Date.now() + 86_400_000);
  await addJobs([
    { task: "test:ready", runAt: minutesAgo(10) },
    { task: "test:ready" },
    { task: "test:ready" },
    { task: "test:boom" },
    { task: "test:later", runAt: tomorrow },
    { task: "test:later", runAt: tomorrow },
    { task: "test:block" },
  ]);
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  runner = await run({
    pgPool: db.pool,
    logger,
    concurrency: 1,
    noHandleSignals: true,
    taskList: {
      "test:block": () => {
        started();
        return gate;
      },
    },
  });
  await running;
});

afterAll(async () => {
  release();
  await runner?.stop();
});

describe("queue stats", () => {
  it("counts a known set of jobs by state, overall and per task", async () => {
    const stats = await getQueueStats(db.prisma);
    expect(stats.total).toEqual({ ready: 4, scheduled: 2, running: 1, failed: 3 });
    expect(stats.byTask).toEqual({
      "test:block": { ready: 0, scheduled: 0, running: 1, failed: 0 },
      "test:boom": { ready: 1, scheduled: 0, running: 0, failed: 2 },
      "test:later": { ready: 0, scheduled: 2, running: 0, failed: 0 },
      "test:other-boom": { ready: 0, scheduled: 0, running: 0, failed: 1 },
      "test:ready": { ready: 3, scheduled: 0, running: 0, failed: 0 },
    });
  });
});

describe("queue health", () => {
  it("says no worker is alive when every heartbeat is stale, and names the old ready job", async () => {
    await db.prisma.workerHeartbeat.create({
      data: { workerId: "stale", hostname: "gone", pid: 1, lastSeenAt: minutesAgo(5) },
    });
    const health = await getQueueHealth(db.prisma);
    expect(health.status).toBe("failing");
    expect(health.workersAlive).toBe(0);
    expect(health.problems.map((p) => p.code)).toEqual(["no_worker_alive", "oldest_ready_job_too_old"]);
    expect(health.oldestReadySeconds).toBeGreaterThanOrEqual(599);
  });

  it("is ok with a fresh heartbeat and a lenient wait limit", async () => {
    await db.prisma.workerHeartbeat.create({ data: { workerId: "fresh", hostname: "here", pid: 2 } });
    const health = await getQueueHealth(db.prisma, {
      maxReadyWaitSeconds: 3600,
      recentMinutes: 15,
      minRecentFailures: 5,
    });
    expect(health).toMatchObject({ status: "ok", problems: [], workersAlive: 1 });
  });

  it("reports a rising failure rate from job_runs, and not a steady one", async () => {
    const thresholds = { maxReadyWaitSeconds: 3600, recentMinutes: 15, minRecentFailures: 5 };
    // The hour before: 20 runs, 2 failed (10%).
    await insertRuns(20, (i) => ({ minutesAgo: 30 + i, failed: i < 2 }));
    // The last 15 minutes: 10 runs, 2 failed (20%, double, but only 2 failures: not a trend yet).
    await insertRuns(10, (i) => ({ minutesAgo: 1 + i, failed: i < 2 }));
    expect((await getQueueHealth(db.prisma, thresholds)).problems).toEqual([]);
    // 6 more recent failures: 8 of 16 (50%).
    await insertRuns(6, (i) => ({ minutesAgo: 2 + i, failed: true }));
    const health = await getQueueHealth(db.prisma, thresholds);
    expect(health.problems).toEqual([expect.objectContaining({ code: "failure_rate_rising" })]);
    expect(health.failureRate).toMatchObject({ recent: 0.5, previousHour: 0.1, recentRuns: 16 });
  });
});

/** job_runs rows as the worker's job history writes them: one INSERT for a batch. */
async function insertRuns(
  count: number,
  shape: (i: number) => { minutesAgo: number; failed: boolean; ms?: number },
) {
  const rows = Array.from({ length: count }, (_, i) => {
    const run = shape(i);
    return {
      started_at: minutesAgo(run.minutesAgo).toISOString(),
      outcome: run.failed ? "failure" : "success",
      duration_ms: run.ms ?? 20,
    };
  });
  await db.prisma.$executeRaw`
    insert into job_runs (job_id, task_identifier, attempt, max_attempts, started_at, duration_ms, outcome)
    select 1, 'test:history', 1, 1, r.started_at, r.duration_ms, r.outcome::job_outcome
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(started_at timestamptz, duration_ms int, outcome text)`;
}

describe("queue info", () => {
  it("lists workers with their heartbeats, the crontab and the queue schema version", async () => {
    const info = await getQueueInfo(db.prisma);
    expect(info.workers.map((w) => [w.workerId, w.alive])).toEqual([
      ["stale", false],
      ["fresh", true],
    ]);
    expect(info.crontab.map((c) => c.task)).toContain("sweep:overdue-orders");
    expect(info.versions.queueSchema).toBeGreaterThan(0);
    expect(info.queues).toEqual([]);
  });
});

describe("totals kept by triggers", () => {
  it("files each run of a batch under its duration bucket, and pruning job_runs leaves the totals", async () => {
    const before = await readJobRunTotals(db.prisma);
    expect(before.bucketsMs.slice(0, 3)).toEqual([10, 50, 100]);
    await db.prisma.$executeRaw`delete from job_runs`;
    await db.prisma.$executeRaw`delete from job_run_totals`;
    // Two runs of the same duration: the trigger counts per duration before it buckets.
    await insertRuns(5, (i) => ({ minutesAgo: 1, failed: i === 4, ms: [10, 10, 11, 50, 400_000][i] }));
    await db.prisma.$executeRaw`delete from job_runs`;
    const { series } = await readJobRunTotals(db.prisma);
    expect(series.map((s) => [s.outcome, Object.fromEntries(s.runsByBucket), s.totalMs])).toEqual([
      ["failure", { 2147483647: 1 }, 400_000],
      ["success", { 10: 2, 50: 2 }, 81],
    ]);
  });

  it("counts each send attempt on an outbox row by channel, provider and outcome", async () => {
    const row = await db.prisma.notificationOutbox.create({
      data: { channel: "whatsapp", recipient: "+6281200000001", templateKey: "t", dedupeKey: "m-1" },
    });
    const attempt = (status: "pending" | "sent") =>
      db.prisma.notificationOutbox.update({
        where: { id: row.id },
        data: { status, provider: "fonnte", attempts: { increment: 1 } },
      });
    await attempt("pending");
    await attempt("pending");
    await attempt("sent");
    // A change that is not an attempt (the pacing slot) counts nothing.
    await db.prisma.notificationOutbox.update({ where: { id: row.id }, data: { pacedAt: new Date() } });
    expect(await readNotificationSendTotals(db.prisma)).toEqual([
      { channel: "whatsapp", provider: "fonnte", outcome: "failed", sends: 2 },
      { channel: "whatsapp", provider: "fonnte", outcome: "sent", sends: 1 },
    ]);
  });
});
