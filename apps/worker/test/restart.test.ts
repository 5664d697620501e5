// PostgreSQL restarts under a busy worker: a server of the test's own (embedded, stopped and started on the
// same data folder and port), two real worker processes, and the test as their supervisor (a worker that exits
// is started again). Every message is sent, none twice.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, type Database } from "@nitip/db";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@nitip/db/embedded";
import { deployMigrations } from "@nitip/db/migrate";
import { enqueueAll, job } from "@nitip/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeWhatsApp, startFakeWhatsApp, waitFor } from "./helpers.ts";
import { spawnWorker, type WorkerProcess } from "./processes.ts";

let dataDir: string;
let server: EmbeddedDatabase;
let db: Database;
let fake: FakeWhatsApp;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "nitip-restart-pg-"));
  server = await startEmbeddedPostgres({ dataDir });
  await deployMigrations({ connectionString: server.url });
  db = createDatabase(server.url, { max: 4 });
  fake = await startFakeWhatsApp();
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await db?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Keeps `count` worker processes running: one that exits, for whatever reason, is started again. */
function supervise(count: number, env: Record<string, string>) {
  const exits: (number | string)[] = [];
  const running = new Set<WorkerProcess>();
  let stopping = false;
  const start = () => {
    const worker = spawnWorker(env);
    running.add(worker);
    void worker.exited.then((code) => {
      running.delete(worker);
      if (stopping) return;
      exits.push(code);
      setTimeout(start, 200);
    });
  };
  for (let i = 0; i < count; i++) start();
  return {
    exits,
    async stop() {
      stopping = true;
      for (const worker of running) worker.child.kill("SIGTERM");
      await Promise.all([...running].map((worker) => worker.exited));
    },
  };
}

const sentCount = async () => db.prisma.notificationOutbox.count({ where: { status: "sent" } });

describe("PostgreSQL restarts", () => {
  it("sends every message once across several restarts in the middle of a burst", async () => {
    const total = 300;
    const rows = Array.from({ length: total }, (_, i) => ({
      channel: "whatsapp" as const,
      recipient: `+62815${String(i).padStart(8, "0")}`,
      templateKey: "host.trip_published",
      params: { tripTitle: `Trip ${i}` },
      dedupeKey: `restart:${i}`,
    }));
    await db.prisma.notificationOutbox.createMany({ data: rows });
    const ids = await db.prisma.notificationOutbox.findMany({ select: { id: true } });
    await enqueueAll(
      db.prisma,
      ids.map((row) => job("notify:send", { outboxId: row.id })),
    );

    const workers = supervise(2, {
      DIRECT_URL: server.url,
      NOTIFY_PROVIDER: "fonnte",
      FONNTE_BASE_URL: fake.url,
      FONNTE_TOKEN: "t",
      NOTIFY_GLOBAL_RATE_PER_S: "1000",
      WORKER_HEARTBEAT_INTERVAL_MS: "250",
      WORKER_STALE_AFTER_MS: "1000",
      WORKER_POLL_INTERVAL_MS: "200",
      WORKER_SHUTDOWN_TIMEOUT_MS: "20000",
      JOB_HISTORY_FLUSH_MS: "200",
    });
    try {
      const restarts = 4;
      for (let i = 0; i < restarts; i++) {
        const before = await waitFor(
          async () => {
            const sent = await sentCount();
            return sent >= (total * (i + 1)) / (restarts + 3) && sent;
          },
          "the burst to move on",
          60_000,
        );
        expect(before).toBeLessThan(total);
        await server.stop();
        await new Promise((resolve) => setTimeout(resolve, 300));
        server = await startEmbeddedPostgres({ dataDir, port: server.port });
      }
      await waitFor(async () => (await sentCount()) === total, "every message to be sent", 90_000);
    } finally {
      await workers.stop();
    }

    const perRecipient = new Map<string, number>();
    for (const request of fake.requests) {
      const target = new URLSearchParams(request.body).get("target") ?? "?";
      perRecipient.set(target, (perRecipient.get(target) ?? 0) + 1);
    }
    expect(perRecipient.size).toBe(total);
    expect([...perRecipient].filter(([, sends]) => sends > 1)).toEqual([]);
    // A worker that gave up exited 1 (for its supervisor), never by a signal or 0 (10 of them in a typical run).
    expect(workers.exits.filter((code) => code !== 1)).toEqual([]);
  }, 240_000);
});
