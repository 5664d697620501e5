// Recovering from failures on the admin pages, against real graphile-worker: notifications really fail in a
// real runner (the outbox row marked failed the way the worker's sender marks it), then the failed page's
// filters, replay with an edited payload, group retry, send again, force unlock, the scheduled list and cron.
import { runOnceAndRelease } from "@nitip/db/testing";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { crontab } from "@nitip/jobs";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actOnJobs,
  forceUnlockWorker,
  getJobDetail,
  isDomainError,
  listAdminActions,
  listCronStatus,
  listFailedGroups,
  listOutbox,
  listRunningJobs,
  listScheduledJobs,
  placeOrder,
  replayJob,
  resendNotification,
} from "../src/index.ts";
import { createHostWithTrip, guestInput } from "./fixtures.ts";

const db = useTestDatabase({ max: 10 });
const logger = new Logger(() => () => {});
let adminId = "";
let order = { id: "", code: "" };
let runner: Runner | undefined;
let release = () => {};

const outageGroup = { task: "notify:send", signature: "Fonnte <n>: outage for <value>" };

async function failedIdsOf(task: string) {
  const rows = await db.prisma.$queryRaw<{ id: bigint }[]>`
    select id from graphile_worker.jobs where task_identifier = ${task} and attempts >= max_attempts order by id`;
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  adminId = (await db.prisma.user.create({ data: { email: "admin@example.test", role: "admin" } })).id;
  const { trip, products } = await createHostWithTrip(db.prisma);
  // One order: a DP-expiry job for later, and two notifications (guest and host), each with a notify:send job.
  const placed = await placeOrder(
    db.prisma,
    guestInput(trip.id, [{ productId: products[0]?.id ?? "", quantity: 1 }]),
  );
  order = { id: placed.order.id, code: placed.order.code };
  // Every notification fails for good on its first attempt, as the provider's outage makes it in the worker.
  await db.prisma.$executeRaw`
    select graphile_worker.reschedule_jobs(array(select id from graphile_worker.jobs
      where task_identifier = 'notify:send'), max_attempts := 1)`;
  await runOnceAndRelease({
    pgPool: db.pool,
    logger,
    taskList: {
      "notify:send": async (payload) => {
        const { outboxId } = payload as { outboxId: string };
        await db.prisma.notificationOutbox.update({ where: { id: outboxId }, data: { status: "failed" } });
        throw new Error(`Fonnte 500: outage for "${outboxId}"`);
      },
    },
  });
  // An older failure of another task, last seen two days ago.
  await db.prisma.$queryRaw`select graphile_worker.add_job('test:old', '{}'::json, max_attempts := 1)`;
  await runOnceAndRelease({
    pgPool: db.pool,
    logger,
    taskList: { "test:old": () => Promise.reject(new Error("disk full")) },
  });
  await db.prisma.$executeRaw`
    update graphile_worker._private_jobs set updated_at = now() - interval '2 days'
     where id = any(${await failedIdsOf("test:old")}::bigint[])`;
});

afterAll(async () => {
  release();
  await runner?.stop();
});

describe("failed page filters", () => {
  it("narrow the groups by task, text and age, in SQL", async () => {
    const all = await listFailedGroups(db.prisma);
    expect(all.map((g) => [g.task, g.signature, g.count])).toEqual([
      [outageGroup.task, outageGroup.signature, 2],
      ["test:old", "disk full", 1],
    ]);
    const byTask = await listFailedGroups(db.prisma, { task: "test:old" });
    expect(byTask.map((g) => g.task)).toEqual(["test:old"]);
    const byText = await listFailedGroups(db.prisma, { text: "OUTAGE" });
    expect(byText.map((g) => g.task)).toEqual(["notify:send"]);
    // The text is literal: a wildcard character matches only itself.
    expect(await listFailedGroups(db.prisma, { text: "%" })).toEqual([]);
    const recent = await listFailedGroups(db.prisma, { withinHours: 24 });
    expect(recent.map((g) => g.task)).toEqual(["notify:send"]);
  });

  it("apply to a group action too: it touches what the filtered page listed", async () => {
    const refused = await actOnJobs(db.prisma, {
      action: "retry",
      target: { group: { task: "test:old", signature: "disk full" }, filter: { withinHours: 24 } },
      adminUserId: adminId,
    }).catch((error: unknown) => error);
    expect(isDomainError(refused, "NOT_FOUND")).toBe(true);
    expect(await failedIdsOf("test:old")).toHaveLength(1);
  });
});

describe("job detail", () => {
  it("links a notification's job to the order through its outbox row", async () => {
    const [jobId] = await failedIdsOf("notify:send");
    const detail = await getJobDetail(db.prisma, jobId ?? 0n);
    expect(detail).toMatchObject({ orderId: order.id, orderCode: order.code });
  });
});

describe("replay with an edited payload", () => {
  it("refuses a payload the catalog's schema rejects, naming the field, and changes nothing", async () => {
    const [jobId] = await failedIdsOf("test:old");
    const oldRefused = await replayJob(db.prisma, {
      jobId: jobId ?? 0n,
      payload: {},
      adminUserId: adminId,
    }).catch((error: unknown) => error);
    expect(isDomainError(oldRefused, "BAD_INPUT")).toBe(true);
    expect((oldRefused as Error).message).toContain("test:old is not in the job catalog");

    const [notifyJob] = await failedIdsOf("notify:send");
    const refused = await replayJob(db.prisma, {
      jobId: notifyJob ?? 0n,
      payload: { outboxId: "not-a-uuid" },
      adminUserId: adminId,
    }).catch((error: unknown) => error);
    expect(isDomainError(refused, "BAD_INPUT")).toBe(true);
    expect((refused as Error).message).toMatch(/^Invalid payload for notify:send: outboxId: Invalid UUID/);
    expect(await failedIdsOf("notify:send")).toHaveLength(2);
    expect(await listAdminActions(db.prisma)).toEqual([]);
  });
});

describe("retry a group", () => {
  it("touches exactly that group, and its notifications are sendable again", async () => {
    const groupIds = await failedIdsOf("notify:send");
    const result = await actOnJobs(db.prisma, {
      action: "retry",
      target: { group: outageGroup },
      adminUserId: adminId,
    });
    expect(result).toEqual({ requested: 2, affected: 2, skipped: [] });
    expect(await failedIdsOf("notify:send")).toEqual([]);
    expect(await failedIdsOf("test:old")).toHaveLength(1);
    const retried = await db.prisma.$queryRaw<{ id: bigint; attempts: number }[]>`
      select id, attempts from graphile_worker.jobs where id = any(${groupIds}::bigint[]) order by id`;
    expect(retried).toEqual(groupIds.map((id) => ({ id, attempts: 0 })));
    const rows = await db.prisma.notificationOutbox.findMany({ where: { orderId: order.id } });
    expect(rows.map((row) => row.status)).toEqual(["pending", "pending"]);
    const [audit] = await listAdminActions(db.prisma);
    expect(audit).toMatchObject({ action: "retry", target: `notify:send: ${outageGroup.signature}` });
    expect(audit?.affectedIds).toEqual(groupIds.map(String));
  });
});

describe("send a notification again", () => {
  it("requeues a given-up row once, refuses a sent one, and writes the audit row", async () => {
    const [row, sentRow] = await db.prisma.notificationOutbox.findMany({ where: { orderId: order.id } });
    if (!row || !sentRow) throw new Error("the order has two notifications");
    await db.prisma.notificationOutbox.update({
      where: { id: row.id },
      data: { status: "failed", lastError: "Fonnte 500 to +6281234567890" },
    });
    await db.prisma.notificationOutbox.update({ where: { id: sentRow.id }, data: { status: "sent" } });
    const [failedRow] = await listOutbox(db.prisma, { status: "failed" });
    expect(failedRow?.lastError).not.toContain("6281234567890");

    const first = await resendNotification(db.prisma, { outboxId: row.id, adminUserId: adminId });
    expect(first.status).toBe("requeued");
    const jobId = first.status === "requeued" ? first.jobId : "";
    expect((await getJobDetail(db.prisma, BigInt(jobId))).job?.payload).toEqual({ outboxId: row.id });
    expect(await resendNotification(db.prisma, { outboxId: row.id, adminUserId: adminId })).toEqual({
      status: "already pending",
    });
    const refused = await resendNotification(db.prisma, { outboxId: sentRow.id, adminUserId: adminId }).catch(
      (error: unknown) => error,
    );
    expect(isDomainError(refused, "CONFLICT")).toBe(true);
    const audit = await listAdminActions(db.prisma);
    expect(audit.slice(0, 2).map((a) => [a.action, a.affectedIds])).toEqual([
      ["resend", []],
      ["resend", [jobId]],
    ]);
  });
});

describe("replay", () => {
  it("queues the edited payload as a new job and completes the failed one", async () => {
    const [row] = await db.prisma.notificationOutbox.findMany({ where: { orderId: order.id }, take: 1 });
    // A notification job that failed for good on a payload naming a row that does not exist.
    const [added] = await db.prisma.$queryRaw<{ id: bigint }[]>`
      select id from graphile_worker.add_job('notify:send', '{"outboxId": "gone"}'::json, max_attempts := 1)`;
    await runOnceAndRelease({
      pgPool: db.pool,
      logger,
      taskList: { "notify:send": () => Promise.reject(new Error("no such row")) },
    });
    const jobId = added?.id ?? 0n;
    expect(await failedIdsOf("notify:send")).toContain(jobId);
    const result = await replayJob(db.prisma, {
      jobId,
      payload: { outboxId: row?.id },
      adminUserId: adminId,
    });
    expect(result.replacedJobId).toBe(String(jobId));
    expect((await getJobDetail(db.prisma, BigInt(result.newJobId))).job).toMatchObject({
      task: "notify:send",
      payload: { outboxId: row?.id },
      attempts: 0,
      maxAttempts: 25,
    });
    expect(await failedIdsOf("notify:send")).not.toContain(jobId);
    expect((await listAdminActions(db.prisma))[0]).toMatchObject({
      action: "replay",
      jobIds: [String(jobId)],
      affectedIds: [result.newJobId],
    });
  });
});

describe("running and scheduled", () => {
  it("lists the order's deadline by run time with its order", async () => {
    const scheduled = await listScheduledJobs(db.prisma);
    expect(scheduled.find((job) => job.task === "order:expire-dp")).toMatchObject({
      orderId: order.id,
      orderCode: order.code,
    });
  });

  it("force-unlocks a worker without a heartbeat, never a live one", async () => {
    const [added] = await db.prisma.$queryRaw<{ id: bigint }[]>`
      select id from graphile_worker.add_job('test:block', '{}'::json)`;
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
    let held: Awaited<ReturnType<typeof listRunningJobs>> = [];
    for (let i = 0; i < 200 && held.length === 0; i++) {
      held = await listRunningJobs(db.prisma);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const [job] = held;
    expect(job).toMatchObject({
      id: String(added?.id),
      task: "test:block",
      workerAlive: false,
      stuck: false,
    });
    const workerId = job?.workerId ?? "";

    await db.prisma.workerHeartbeat.create({ data: { workerId, hostname: "test", pid: 1 } });
    const refused = await forceUnlockWorker(db.prisma, { workerId, adminUserId: adminId }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(refused, "CONFLICT")).toBe(true);
    expect((await listRunningJobs(db.prisma))[0]?.workerAlive).toBe(true);

    await db.prisma.workerHeartbeat.update({
      where: { workerId },
      data: { lastSeenAt: new Date(Date.now() - 60_000) },
    });
    expect(await forceUnlockWorker(db.prisma, { workerId, adminUserId: adminId })).toEqual({ unlocked: 1 });
    expect(await listRunningJobs(db.prisma)).toEqual([]);
    expect((await listAdminActions(db.prisma))[0]).toMatchObject({
      action: "force_unlock",
      target: `worker ${workerId}`,
      affectedIds: [String(added?.id)],
    });
  });
});

describe("cron", () => {
  it("shows every crontab entry with its last run, outcome and next run", async () => {
    const lastExecution = new Date("2026-12-02T06:59:00Z");
    await db.prisma.$executeRaw`
      insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
      values ('sweep:overdue-orders', now(), ${lastExecution})`;
    await db.prisma.jobRun.create({
      data: {
        jobId: 1n,
        taskIdentifier: "maintenance:cleanup",
        attempt: 1,
        maxAttempts: 3,
        startedAt: new Date("2026-12-02T03:17:00Z"),
        durationMs: 12,
        outcome: "failure",
        errorMessage: "disk full",
      },
    });
    const status = await listCronStatus(db.prisma, crontab, new Date("2026-12-02T07:00:30Z"));
    expect(status.map((entry) => [entry.task, entry.schedule, entry.nextRunAt?.toISOString()])).toEqual([
      ["sweep:overdue-orders", "* * * * *", "2026-12-02T07:01:00.000Z"],
      ["reminders:send-due", "*/5 * * * *", "2026-12-02T07:05:00.000Z"],
      ["maintenance:cleanup", "17 3 * * *", "2026-12-03T03:17:00.000Z"],
    ]);
    expect(status[0]?.lastScheduledAt).toEqual(lastExecution);
    expect(status[2]?.lastRun).toMatchObject({
      outcome: "failure",
      errorMessage: "disk full",
      durationMs: 12,
    });
    expect(status[1]).toMatchObject({ lastScheduledAt: null, lastRun: null });
  });
});
