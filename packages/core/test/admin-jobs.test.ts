// The admin job views and actions against real graphile-worker: jobs really fail in a real runner, a "running"
// job is really held by a live worker while the action runs.
import { randomUUID } from "node:crypto";
import { runOnceAndRelease } from "@nitip/db/testing";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actOnJobs,
  getJobDetail,
  getQueueOverview,
  listAdminActions,
  listFailedGroups,
} from "../src/index.ts";

const db = useTestDatabase({ max: 10 });
let adminId = "";
let runner: Runner | undefined;
let release = () => {};
let runningJobId = "";
/** The failures are on purpose; keep graphile-worker quiet about them. */
const logger = new Logger(() => () => {});

async function addJob(task: string, payload: object, options: { runAt?: Date; maxAttempts?: number } = {}) {
  const [row] = await db.prisma.$queryRaw<{ id: bigint }[]>`
    select id from graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json,
      run_at := ${options.runAt ?? null}::timestamptz, max_attempts := ${options.maxAttempts ?? 25})`;
  return String(row?.id);
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
}

beforeAll(async () => {
  adminId = (await db.prisma.user.create({ data: { email: "admin@example.test", role: "admin" } })).id;
  // Failures, for real: three "order <uuid> not found" with different ids, two of another message, one
  // other task; each job has one attempt, so one failure leaves it failed for good.
  for (let i = 0; i < 3; i++) await addJob("test:lookup", { orderId: randomUUID() }, { maxAttempts: 1 });
  for (let i = 0; i < 2; i++) await addJob("test:lookup", { timeout: 1000 + i }, { maxAttempts: 1 });
  await addJob("test:other", { orderId: randomUUID() }, { maxAttempts: 1 });
  const fail = (payload: unknown) => {
    const p = payload as { orderId?: string; timeout?: number };
    throw new Error(p.orderId ? `order "${p.orderId}" not found` : `timed out after ${p.timeout} ms`);
  };
  await runOnceAndRelease({ pgPool: db.pool, logger, taskList: { "test:lookup": fail, "test:other": fail } });
  // Waiting: two ready now, one scheduled for tomorrow; and one held by a live runner until released.
  await addJob("test:ready", {}, { runAt: new Date(Date.now() - 60_000) });
  await addJob("test:ready", {});
  await addJob("test:ready", {}, { runAt: new Date(Date.now() + 86_400_000) });
  runningJobId = await addJob("test:block", {});
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  runner = await run({
    pgPool: db.pool,
    logger,
    concurrency: 1,
    noHandleSignals: true,
    taskList: { "test:block": () => gate },
  });
  await waitFor(async () => (await getJobDetail(db.prisma, BigInt(runningJobId))).job?.lockedAt != null);
});

afterAll(async () => {
  release();
  await runner?.stop();
});

describe("queue overview", () => {
  it("counts a known set of jobs, and a lock is dead until its worker has a fresh heartbeat", async () => {
    expect(await getQueueOverview(db.prisma)).toMatchObject({
      ready: 2,
      scheduled: 1,
      running: 0,
      failed: 6,
      lockedByDeadWorkers: 1,
    });
    const lockedBy = (await getJobDetail(db.prisma, BigInt(runningJobId))).job?.lockedBy ?? "";
    await db.prisma.workerHeartbeat.create({ data: { workerId: lockedBy, hostname: "test", pid: 1 } });
    const overview = await getQueueOverview(db.prisma);
    expect(overview).toMatchObject({ running: 1, lockedByDeadWorkers: 0 });
    expect(overview.oldestWaitingSeconds).toBeGreaterThanOrEqual(59);
  });
});

describe("failed groups", () => {
  it("puts the same error with different ids and numbers in one group per task", async () => {
    const groups = await listFailedGroups(db.prisma);
    expect(groups.map((g) => [g.task, g.signature, g.count])).toEqual([
      ["test:lookup", "order <value> not found", 3],
      ["test:lookup", "timed out after <n> ms", 2],
      ["test:other", "order <value> not found", 1],
    ]);
    const detail = await getJobDetail(db.prisma, BigInt(groups[0]?.sampleJobId ?? "0"));
    expect(detail.job?.failed).toBe(true);
    expect(detail.orderId).toBe((detail.job?.payload as { orderId?: string } | undefined)?.orderId);
    expect(detail.orderId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("actions", () => {
  it("retries exactly one group, and writes who did it", async () => {
    const result = await actOnJobs(db.prisma, {
      action: "retry",
      target: { group: { task: "test:lookup", signature: "order <value> not found" } },
      adminUserId: adminId,
    });
    expect(result).toEqual({ requested: 3, affected: 3, skipped: [] });
    const groups = await listFailedGroups(db.prisma);
    expect(groups.map((g) => [g.task, g.count])).toEqual([
      ["test:lookup", 2],
      ["test:other", 1],
    ]);
    expect((await getQueueOverview(db.prisma)).ready).toBe(5);
    const [audit] = await listAdminActions(db.prisma);
    expect(audit).toMatchObject({
      action: "retry",
      by: "admin@example.test",
      affectedIds: expect.any(Array),
    });
    expect(audit?.affectedIds).toHaveLength(3);
  });

  it("skips a job a worker is running and says so", async () => {
    const [other] = await listFailedGroups(db.prisma).then((g) => g.filter((x) => x.task === "test:other"));
    const result = await actOnJobs(db.prisma, {
      action: "retry",
      target: { jobIds: [other?.sampleJobId ?? "", runningJobId] },
      adminUserId: adminId,
    });
    expect(result).toEqual({
      requested: 2,
      affected: 1,
      skipped: [{ jobId: runningJobId, reason: "running" }],
    });
    expect((await getJobDetail(db.prisma, BigInt(runningJobId))).job?.lockedAt).not.toBeNull();
  });

  it("discards a group: its jobs leave the queue, their history stays", async () => {
    const result = await actOnJobs(db.prisma, {
      action: "discard",
      target: { group: { task: "test:lookup", signature: "timed out after <n> ms" } },
      adminUserId: adminId,
    });
    expect(result).toMatchObject({ requested: 2, affected: 2 });
    expect(await listFailedGroups(db.prisma)).toEqual([]);
    expect((await getQueueOverview(db.prisma)).failed).toBe(0);
    expect((await listAdminActions(db.prisma)).map((a) => a.action)).toEqual(["discard", "retry", "retry"]);
  });
});
