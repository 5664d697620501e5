// A provider outage longer than graphile-worker's attempts: notify:send keeps retrying for NOTIFY_RETRY_FOR_MS
// with a capped interval, then marks the row failed; core's resendFailedNotification puts it back.
import { isDomainError, resendFailedNotification } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { describe, expect, it } from "vitest";
import { createOutboxRow } from "./fixtures.ts";
import { jobs, makeJobsDue, runDueJobs, testContext, useFakeWhatsApp } from "./helpers.ts";

const db = useTestDatabase();
const fake = useFakeWhatsApp(db, { pacing: "all" });

const maxIntervalMs = 60_000;
const ctx = () =>
  testContext(db, {
    NOTIFY_PROVIDER: "meta",
    META_BASE_URL: fake.url,
    META_PHONE_NUMBER_ID: "1234",
    META_ACCESS_TOKEN: "test-token",
    NOTIFY_RETRY_FOR_MS: String(60 * 60_000),
    NOTIFY_RETRY_MAX_INTERVAL_MS: String(maxIntervalMs),
  });

const outbox = (id: string) => db.prisma.notificationOutbox.findUniqueOrThrow({ where: { id } });

/** One more try of every waiting job, as if its time had come (pacing reset so only the retry schedule counts). */
async function tryAgain() {
  await db.prisma.notificationPacing.deleteMany();
  await makeJobsDue(db);
  await runDueJobs(ctx());
}

async function failedRow() {
  const row = await createOutboxRow(db);
  await enqueue(db.prisma, "notify:send", { outboxId: row.id });
  fake.answer = "server-error";
  await runDueJobs(ctx());
  await db.prisma.$executeRawUnsafe(
    "update graphile_worker._private_jobs set created_at = now() - interval '2 hours'",
  );
  await tryAgain();
  expect(await outbox(row.id)).toMatchObject({ status: "failed", attempts: 2 });
  return row;
}

describe("notify:send through a long provider outage", () => {
  it("keeps retrying past graphile-worker's attempts, at most the capped interval apart, then marks the row failed", async () => {
    const row = await createOutboxRow(db);
    await enqueue(db.prisma, "notify:send", { outboxId: row.id });
    fake.answer = "server-error";
    await runDueJobs(ctx());
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect(await outbox(row.id)).toMatchObject({ status: "pending", attempts: attempt });
      const [waiting] = await jobs(db, "notify:send");
      expect(waiting?.last_error).toMatch(/Meta 503/);
      const waitMs = (waiting?.run_at.getTime() ?? 0) - Date.now();
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(maxIntervalMs);
      if (attempt >= 8) expect(waitMs).toBeGreaterThan(maxIntervalMs - 5_000);
      await tryAgain();
    }
    expect(fake.requests).toHaveLength(13);

    // The hour is over: the next failure is the last.
    await db.prisma.$executeRawUnsafe(
      "update graphile_worker._private_jobs set created_at = now() - interval '61 minutes'",
    );
    await tryAgain();
    const failed = await outbox(row.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 14 });
    expect(failed.lastError).toMatch(/Meta 503/);
    const [dead] = await jobs(db, "notify:send");
    expect(dead?.attempts).toBe(dead?.max_attempts);
    expect(dead?.last_error).toMatch(/Gave up after 14 attempts/);
    await tryAgain();
    expect(fake.requests).toHaveLength(14);
  });

  it("re-sends a failed row once, however often it is asked, and then delivers it", async () => {
    const row = await failedRow();
    fake.answer = "ok";
    const answers = await Promise.all([1, 2, 3].map(() => resendFailedNotification(db.prisma, row.id)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([
      "already pending",
      "already pending",
      "requeued",
    ]);
    expect(await outbox(row.id)).toMatchObject({ status: "pending" });
    const waiting = (await jobs(db, "notify:send")).filter((job) => job.attempts < job.max_attempts);
    expect(waiting).toHaveLength(1);

    await tryAgain();
    expect(await outbox(row.id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
    expect(fake.requests).toHaveLength(3);
  });

  it("refuses to re-send a row that was sent, or one that does not exist", async () => {
    const row = await createOutboxRow(db);
    await enqueue(db.prisma, "notify:send", { outboxId: row.id });
    await runDueJobs(ctx());
    expect(await outbox(row.id)).toMatchObject({ status: "sent" });
    const refused = await resendFailedNotification(db.prisma, row.id).catch((error: unknown) => error);
    expect(isDomainError(refused, "CONFLICT")).toBe(true);
    expect((refused as Error).message).toMatch(/already sent/);
    const missing = await resendFailedNotification(db.prisma, crypto.randomUUID()).catch((e: unknown) => e);
    expect(isDomainError(missing, "NOT_FOUND")).toBe(true);
    expect(await jobs(db, "notify:send")).toHaveLength(0);
    expect(fake.requests).toHaveLength(1);
  });
});
