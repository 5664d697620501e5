// notify:send end to end: real outbox rows, real graphile-worker jobs, the real providers, and a WhatsApp
// look-alike on 127.0.0.1 for the HTTP ones.
import { resolveOrderAccessToken } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { describe, expect, it } from "vitest";
import { createHostWithDraftTrip, createOrder, createOutboxRow } from "./fixtures.ts";
import { jobs, makeJobsDue, runDueJobs, testContext, useFakeWhatsApp } from "./helpers.ts";

const db = useTestDatabase();
const fake = useFakeWhatsApp(db, { pacing: "global" });

const fonnte = () =>
  testContext(db, { NOTIFY_PROVIDER: "fonnte", FONNTE_BASE_URL: fake.url, FONNTE_TOKEN: "test-token" });
const meta = () =>
  testContext(db, {
    NOTIFY_PROVIDER: "meta",
    META_BASE_URL: fake.url,
    META_PHONE_NUMBER_ID: "1234",
    META_ACCESS_TOKEN: "test-token",
  });

async function queued(data: Parameters<typeof createOutboxRow>[1] = {}) {
  const row = await createOutboxRow(db, data);
  await enqueue(db.prisma, "notify:send", { outboxId: row.id });
  return row;
}

const outbox = (id: string) => db.prisma.notificationOutbox.findUniqueOrThrow({ where: { id } });

describe("notify:send", () => {
  it("delivers through the log provider and stores a log:<uuid> message id", async () => {
    const row = await queued();
    await runDueJobs(testContext(db));
    const sent = await outbox(row.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.providerMessageId).toMatch(/^log:[0-9a-f-]{36}$/);
    expect(await jobs(db, "notify:send")).toHaveLength(0);
  });

  it("records each attempt's provider, so the metrics count sends by provider and outcome", async () => {
    await db.prisma.notificationSendTotal.deleteMany();
    await db.prisma.jobRunTotal.deleteMany();
    const first = await queued();
    await runDueJobs(fonnte());
    expect(await outbox(first.id)).toMatchObject({ status: "sent", attempts: 1, provider: "fonnte" });
    const row = await queued({ recipient: "+6281299990002" });
    fake.answer = "server-error";
    await runDueJobs(fonnte());
    expect(await outbox(row.id)).toMatchObject({ status: "pending", attempts: 1, provider: "fonnte" });
    fake.answer = "ok";
    // The retry, now: past its backoff and past the recipient's pacing slot.
    await db.prisma.notificationPacing.deleteMany();
    await makeJobsDue(db);
    await runDueJobs(fonnte());
    expect(await outbox(row.id)).toMatchObject({ status: "sent", attempts: 2, provider: "fonnte" });
    const totals = await db.prisma.notificationSendTotal.findMany({ orderBy: { outcome: "asc" } });
    expect(totals.map((t) => [t.channel, t.provider, t.outcome, Number(t.sends)])).toEqual([
      ["whatsapp", "fonnte", "failed", 1],
      ["whatsapp", "fonnte", "sent", 2],
    ]);
    // The job history's batch insert kept the run totals too: one failed run, two successful.
    const runs = await db.prisma.jobRunTotal.groupBy({
      by: ["outcome"],
      where: { taskIdentifier: "notify:send" },
      _sum: { runs: true },
      orderBy: { outcome: "asc" },
    });
    expect(runs.map((r) => [r.outcome, Number(r._sum.runs)])).toEqual([
      ["success", 2],
      ["failure", 1],
    ]);
  });

  it("sends a row once even when two jobs point at it", async () => {
    const row = await queued();
    await enqueue(db.prisma, "notify:send", { outboxId: row.id });
    await runDueJobs(fonnte());
    expect(fake.requests).toHaveLength(1);
    expect(await outbox(row.id)).toMatchObject({ status: "sent", providerMessageId: "fonnte:1000" });
    const request = new URLSearchParams(fake.requests[0]?.body);
    expect(request.get("target")).toBe(row.recipient.replace("+", ""));
    expect(fake.requests[0]?.headers.authorization).toBe("test-token");
  });

  it("mints a fresh magic link at send time and never stores the token", async () => {
    const { trip } = await createHostWithDraftTrip(db);
    const order = await createOrder(db, trip.id);
    const row = await queued({
      orderId: order.id,
      templateKey: "order.expired",
      params: { orderCode: order.code, withOrderLink: true },
    });
    await runDueJobs(meta());
    expect(fake.requests[0]?.path).toBe("/1234/messages");
    const body = JSON.parse(fake.requests[0]?.body ?? "{}") as { text: { body: string } };
    const token = body.text.body.match(/http:\/\/localhost:3000\/o\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();
    expect(await resolveOrderAccessToken(db.prisma, token ?? "")).toEqual({ orderId: order.id });
    const stored = await outbox(row.id);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored).toMatchObject({ status: "sent", providerMessageId: "meta:wamid.0" });
  });

  it.each([
    ["fonnte", "rate-limited", /Fonnte 429/],
    ["meta", "rate-limited", /Meta 429 code 130429/],
    ["meta", "server-error", /Meta 503/],
  ] as const)(
    "retries a %s %s answer on its own schedule, then succeeds",
    async (provider, answer, message) => {
      const ctx = provider === "meta" ? meta() : fonnte();
      const row = await queued();
      fake.answer = answer;
      await runDueJobs(ctx);
      const [retrying] = await jobs(db, "notify:send");
      // The attempt is counted on the outbox row; the job's own counter is left for other errors.
      expect(retrying).toMatchObject({ attempts: 0, max_attempts: 25 });
      expect(retrying?.last_error).toMatch(message);
      // The first retry comes 10 s later.
      expect(retrying?.run_at.getTime()).toBeGreaterThan(Date.now() + 5_000);
      expect(retrying?.run_at.getTime()).toBeLessThan(Date.now() + 11_000);
      expect(await outbox(row.id)).toMatchObject({ status: "pending", attempts: 1 });

      fake.answer = "ok";
      await db.prisma.notificationPacing.deleteMany();
      await makeJobsDue(db);
      await runDueJobs(ctx);
      expect((await jobs(db, "notify:send")).map((j) => j.last_error)).toEqual([]);
      expect(await outbox(row.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    },
  );

  it.each(["fonnte", "meta"] as const)(
    "fails an invalid number at once on %s, without retries",
    async (provider) => {
      const row = await queued();
      fake.answer = "invalid-number";
      await runDueJobs(provider === "meta" ? meta() : fonnte());
      const [failed] = await jobs(db, "notify:send");
      expect(failed?.attempts).toBe(failed?.max_attempts);
      expect(await outbox(row.id)).toMatchObject({ status: "failed", attempts: 1 });
      await makeJobsDue(db);
      await runDueJobs(fonnte());
      expect(fake.requests).toHaveLength(1);
    },
  );

  it("aborts a provider call that hangs and counts it as a failed attempt", async () => {
    const ctx = testContext(db, {
      NOTIFY_PROVIDER: "fonnte",
      FONNTE_BASE_URL: fake.url,
      FONNTE_TOKEN: "t",
      NOTIFY_TIMEOUT_MS: "300",
    });
    const row = await queued();
    fake.answer = "hang";
    await runDueJobs(ctx);
    fake.releaseHanging();
    const [retrying] = await jobs(db, "notify:send");
    expect(retrying?.attempts).toBe(0);
    expect(retrying?.last_error).toMatch(/no answer within 300 ms/);
    expect(await outbox(row.id)).toMatchObject({ status: "pending", attempts: 1 });
  });

  it("fails an unknown template for good and marks the row failed", async () => {
    const row = await queued({ templateKey: "no.such.template" });
    await runDueJobs(testContext(db));
    const [failed] = await jobs(db, "notify:send");
    expect(failed?.attempts).toBe(failed?.max_attempts);
    expect(failed?.last_error).toContain("no.such.template");
    expect(await outbox(row.id)).toMatchObject({ status: "failed" });
  });

  it("paces one recipient: the second message is rescheduled, not failed, and no attempt is spent", async () => {
    const recipient = "+6281399990001";
    const first = await queued({ recipient });
    const second = await queued({ recipient });
    await runDueJobs(fonnte());
    expect(fake.requests).toHaveLength(1);
    expect(await outbox(first.id)).toMatchObject({ status: "sent" });
    expect(await outbox(second.id)).toMatchObject({ status: "pending", attempts: 0 });
    const [deferred] = await jobs(db, "notify:send");
    expect(deferred?.attempts).toBe(0);
    expect(deferred?.last_error).toMatch(/Deferred until .*recipient pacing/);
    // About six seconds out (the pacing interval), not a backoff's worth.
    expect(deferred?.run_at.getTime()).toBeGreaterThan(Date.now() + 3_000);
    const runs = await db.prisma.jobRun.findMany({ where: { jobId: BigInt(deferred?.id ?? 0) } });
    expect(runs).toHaveLength(0);

    await db.prisma.notificationPacing.updateMany({
      where: { recipient: `whatsapp:${recipient}` },
      data: { nextAllowedAt: new Date(0) },
    });
    await makeJobsDue(db);
    await runDueJobs(fonnte());
    expect(await outbox(second.id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("holds the global rate across recipients", async () => {
    const ctx = testContext(db, { NOTIFY_GLOBAL_RATE_PER_S: "1" });
    const rows = [await queued(), await queued(), await queued()];
    await runDueJobs(ctx);
    const statuses = await Promise.all(rows.map(async (row) => (await outbox(row.id)).status));
    // One-second burst at one per second: two go now, the third waits.
    expect(statuses.filter((status) => status === "sent")).toHaveLength(2);
    const [deferred] = await jobs(db, "notify:send");
    expect(deferred?.last_error).toMatch(/global rate/);
    expect(deferred?.attempts).toBe(0);
  });

  it("sends email through nodemailer (JSON transport without SMTP_URL)", async () => {
    const row = await queued({ channel: "email", recipient: "ani@example.com" });
    await runDueJobs(fonnte());
    const sent = await outbox(row.id);
    expect(sent.status).toBe("sent");
    expect(sent.providerMessageId).toMatch(/^email-log:/);
    expect(fake.requests).toHaveLength(0);
  });
});
