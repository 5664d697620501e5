// Many messages to one recipient, through a real runner: deferred messages come back one slot apart (job runs
// grow linearly, not quadratically), and a host's new orders go out as digests while guests' messages flow.
import { renderNotification } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueueAll, job } from "@nitip/jobs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type StartedWorker, startWorker } from "../src/worker.ts";
import { createOutboxRow } from "./fixtures.ts";
import { type FakeWhatsApp, silentLog, startFakeWhatsApp, testEnv, waitFor } from "./helpers.ts";

const db = useTestDatabase({ max: 20 });
let fake: FakeWhatsApp;
let worker: StartedWorker | undefined;

beforeAll(async () => {
  fake = await startFakeWhatsApp();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.requests.length = 0;
  await db.prisma.$executeRawUnsafe("delete from graphile_worker._private_jobs");
  await db.prisma.notificationPacing.deleteMany();
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

/** A runner with a short pacing interval; returns a live count of job runs (every start, deferrals included). */
async function startRunner(recipientIntervalMs: number) {
  const env = testEnv(db, {
    NOTIFY_PROVIDER: "fonnte",
    FONNTE_BASE_URL: fake.url,
    FONNTE_TOKEN: "t",
    NOTIFY_RECIPIENT_INTERVAL_MS: String(recipientIntervalMs),
    NOTIFY_GLOBAL_RATE_PER_S: "1000",
    WORKER_CONCURRENCY: "4",
    WORKER_POLL_INTERVAL_MS: "20",
  });
  worker = await startWorker({ env, log: silentLog, db, noCron: true });
  const runs = { count: 0 };
  worker.runner.events.on("job:start", () => {
    runs.count += 1;
  });
  return runs;
}

const target = (index: number) => new URLSearchParams(fake.requests[index]?.body).get("target");
const message = (index: number) => new URLSearchParams(fake.requests[index]?.body).get("message") ?? "";

async function queue(rows: { id: string }[]) {
  await enqueueAll(
    db.prisma,
    rows.map((row) => job("notify:send", { outboxId: row.id })),
  );
}

describe("a sale's worth of messages", () => {
  it("sends 200 messages to one recipient with a linear number of job runs, none twice", async () => {
    const recipient = "+6281300000200";
    const rows = [];
    for (let i = 0; i < 200; i++) {
      rows.push(await createOutboxRow(db, { recipient, params: { tripTitle: `message ${i}` } }));
    }
    await queue(rows);
    const bound = 2 * rows.length + 10;
    const runs = await startRunner(100);
    await waitFor(
      async () => {
        if (runs.count > bound) throw new Error(`${runs.count} job runs for ${rows.length} messages`);
        return (await db.prisma.notificationOutbox.count({ where: { recipient, status: "sent" } })) === 200;
      },
      "all 200 messages to be sent",
      90_000,
    );
    expect(runs.count).toBeLessThanOrEqual(bound);
    const bodies = fake.requests.map((_, index) => message(index));
    expect(bodies).toHaveLength(200);
    expect(new Set(bodies).size).toBe(200);
  }, 120_000);

  it("sends a host a digest of new orders every pacing interval, while every guest's message goes out", async () => {
    const host = "+6281100000777";
    const intervalMs = 1_000;
    const runs = await startRunner(intervalMs);
    // Warm up (connections, first compilations), so the timings below are the steady state.
    const warmUp = await createOutboxRow(db);
    await queue([warmUp]);
    await waitFor(
      async () =>
        (await db.prisma.notificationOutbox.findUnique({ where: { id: warmUp.id } }))?.status === "sent",
      "the warm-up message",
    );
    fake.requests.length = 0;
    runs.count = 0;
    const guests: { id: string }[] = [];
    const hosts: { id: string }[] = [];
    const queuedAt = new Map<string, number>();
    // A sale: 60 orders over about 2.4 s, each with a message to its guest and one to the host.
    const started = Date.now();
    for (let batch = 0; batch < 6; batch++) {
      const rows = [];
      for (let i = batch * 10; i < batch * 10 + 10; i++) {
        const params = {
          orderCode: `NTP-${String(i).padStart(4, "0")}-S`,
          tripTitle: "Tokyo",
          subtotal: 100_000,
        };
        rows.push(await createOutboxRow(db, { recipient: `+62812${String(i).padStart(8, "0")}` }));
        rows.push(await createOutboxRow(db, { recipient: host, templateKey: "host.order.placed", params }));
      }
      guests.push(...rows.filter((_, i) => i % 2 === 0));
      hosts.push(...rows.filter((_, i) => i % 2 === 1));
      await queue(rows);
      for (const row of rows) queuedAt.set(row.id, Date.now());
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const sent = (rows: { id: string }[]) =>
      db.prisma.notificationOutbox.findMany({
        where: { id: { in: rows.map((row) => row.id) }, status: "sent" },
        select: { id: true, sentAt: true },
      });
    await waitFor(async () => (await sent(guests)).length === 60, "every guest row to be sent", 10_000);
    // Guests are not held up behind the host's queue (one message per second, a minute for 60 orders, and
    // before the fixes a herd of job runs every second): each leaves within seconds of its job, even on a
    // loaded machine.
    const guestDelays = (await sent(guests)).map(
      (row) => (row.sentAt?.getTime() ?? 0) - (queuedAt.get(row.id) ?? 0),
    );
    expect(Math.max(...guestDelays)).toBeLessThan(5_000);

    await waitFor(async () => (await sent(hosts)).length === 60, "every host row to be sent", 10_000);
    const elapsed = Date.now() - started;
    // The host got about one message per pacing interval, each a digest of the orders since the last.
    const toHost = fake.requests.map((_, index) => index).filter((index) => target(index) === host.slice(1));
    expect(toHost.length).toBeGreaterThanOrEqual(2);
    expect(toHost.length).toBeLessThanOrEqual(Math.ceil(elapsed / intervalMs) + 1);
    expect(fake.requests.length - toHost.length).toBe(60);
    const counts = toHost.map((index) => Number(message(index).match(/^(\d+) pesanan baru/)?.[1] ?? 1));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(60);
    expect(message(toHost.at(-1) ?? -1)).toMatch(/pesanan baru untuk trip Tokyo: NTP-\d{4}-S, NTP-/);
    expect(runs.count).toBeLessThanOrEqual(2 * 120 + 10);
  }, 60_000);

  it("words a digest with the count, the first ten codes and the total", () => {
    const codes = Array.from({ length: 12 }, (_, i) => `NTP-${i}`);
    const { text } = renderNotification("host.orders.digest", {
      count: 12,
      orderCodes: codes,
      subtotal: 1_200_000,
      tripTitles: ["Tokyo"],
    });
    expect(text).toMatch(
      /^12 pesanan baru untuk trip Tokyo: NTP-0, NTP-1, NTP-2, NTP-3, NTP-4, NTP-5, NTP-6, NTP-7, NTP-8, NTP-9 dan 2 lainnya \(total subtotal Rp\s1\.200\.000\)\.$/,
    );
  });
});
