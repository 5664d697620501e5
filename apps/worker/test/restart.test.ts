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
  const all: WorkerProcess[] = [];
  const start = () => {
    const worker = spawnWorker(env);
    all.push(worker);
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
    all,
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
    } catch (error) {
      if (process.env.DEBUG_RESTART) {
        console.log("sent", await sentCount(), "exits", workers.exits);
        console.log(
          await db.prisma.$queryRawUnsafe(
            "select locked_by, count(*)::int, min(run_at) as run_at, max(attempts) as attempts, max(last_error) as e from graphile_worker._private_jobs group by 1",
          ),
        );
        console.log(await db.prisma.$queryRawUnsafe("select * from worker_heartbeats"));
        for (const w of workers.all)
          console.log(
            "=== worker",
            w.pid,
            w.child.exitCode,
            "\n",
            w.output.slice(-15).join("\n").slice(0, 4000),
          );
      }
      throw error;
    } finally {
      await workers.stop();
    }

    const perRecipient = new Map<string, number>();
    for (const request of fake.requests) {
      const target = new URLSearchParams(request.body).get("target") ?? "?";
      perRecipient.set(target, (perRecipient.get(target) ?? 0) + 1);
    }
    if (process.env.DEBUG_RESTART) {
      const dup = [...perRecipient].filter(([, sends]) => sends > 1).map(([t]) => `+${t}`);
      console.log(await db.prisma.notificationOutbox.findMany({ where: { recipient: { in: dup } }, select: { id: true, attempts: true, providerMessageId: true, lastError: true, sentAt: true } }));
      console.log(fake.requests.map((r, i) => [i, new URLSearchParams(r.body).get("target")]).filter(([, t]) => dup.includes(`+${t}`)));
      for (const w of workers.all) console.log("=== worker", w.pid, w.child.exitCode, "\n", w.output.filter((l) => /Completed|Failed task|fatal|runner|exit|stopp/.test(l)).slice(-30).join("\n").slice(0, 6000));
    }
    expect(perRecipient.size).toBe(total);
    expect([...perRecipient].filter(([, sends]) => sends > 1)).toEqual([]);
    console.info(`worker exits during the restarts: ${workers.exits.join(", ") || "none"}`);
  }, 240_000);
});
