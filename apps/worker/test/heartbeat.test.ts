// Liveness without false deaths: only a worker that registered a heartbeat and stopped beating loses its jobs;
// a worker whose job pool is exhausted, or whose process is paused for more than an interval but less than the
// bound, keeps them.
import { createDatabase } from "@nitip/db";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { staleAfterIntervals } from "../src/env.ts";
import { createHeartbeat, type Heartbeat } from "../src/heartbeat.ts";
import { startWorker } from "../src/worker.ts";
import { createOutboxRow } from "./fixtures.ts";
import { type FakeWhatsApp, jobs, silentLog, startFakeWhatsApp, testEnv, waitFor } from "./helpers.ts";
import { spawnWorker, type WorkerProcess } from "./processes.ts";

const db = useTestDatabase();
let fake: FakeWhatsApp;
const cleanups: (() => Promise<unknown>)[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  fake = await startFakeWhatsApp();
});
afterAll(() => fake.close());
afterEach(async () => {
  fake.releaseHanging();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  fake.requests.length = 0;
  await db.prisma.$executeRawUnsafe("delete from graphile_worker._private_jobs");
  await db.prisma.workerHeartbeat.deleteMany();
});

/** A peer's heartbeat that has beaten steadily for the bound, so its sweeps judge others. */
async function steadyPeer(intervalMs: number, staleAfterMs: number): Promise<Heartbeat> {
  const peer = createHeartbeat({ connectionString: db.url, log: silentLog, intervalMs, staleAfterMs });
  await peer.start("pool-peer");
  cleanups.push(() => peer.stop());
  await sleep(staleAfterMs + 2 * intervalMs);
  return peer;
}

async function queued(count: number) {
  for (let i = 0; i < count; i++) {
    const row = await createOutboxRow(db);
    await enqueue(db.prisma, "notify:send", { outboxId: row.id });
  }
}

describe("worker liveness", () => {
  it("frees the jobs of a worker that stopped beating, never those of a pool that never registered", async () => {
    await queued(2);
    const [fromCli, fromDead] = await jobs(db, "notify:send");
    await db.prisma.$executeRawUnsafe(
      `update graphile_worker._private_jobs set locked_by = case id when $1 then 'otpool-cli' else 'pool-dead' end,
              locked_at = now() - interval '1 hour'`,
      BigInt(fromCli?.id ?? 0),
    );
    await db.prisma.workerHeartbeat.create({
      data: { workerId: "pool-dead", hostname: "h", pid: 1, lastSeenAt: new Date(Date.now() - 3_600_000) },
    });
    const peer = await steadyPeer(100, 400);
    await peer.beat();
    expect(await db.prisma.workerHeartbeat.count({ where: { workerId: "pool-dead" } })).toBe(0);
    const after = await jobs(db, "notify:send");
    expect(after.find((job) => job.id === fromDead?.id)?.locked_by).toBeNull();
    expect(after.find((job) => job.id === fromCli?.id)?.locked_by).toBe("otpool-cli");
  });

  it("keeps beating while every connection of the job pool is held by running jobs", async () => {
    // LISTEN takes one connection and each hanging send holds one: three are all there is.
    const small = createDatabase(db.url, { max: 3 });
    const env = testEnv(db, {
      NOTIFY_PROVIDER: "fonnte",
      FONNTE_BASE_URL: fake.url,
      FONNTE_TOKEN: "t",
      NOTIFY_TIMEOUT_MS: "60000",
      WORKER_CONCURRENCY: "2",
      WORKER_LOCAL_QUEUE_SIZE: "0",
      WORKER_HEARTBEAT_INTERVAL_MS: "100",
      WORKER_STALE_AFTER_MS: "400",
    });
    fake.answer = "hang";
    await queued(2);
    const worker = await startWorker({ env, log: silentLog, db: small, noCron: true });
    cleanups.push(() => small.close());
    cleanups.push(() => worker.stop());
    await fake.received(2);
    const peer = await steadyPeer(100, 400);
    for (let i = 0; i < 5; i++) {
      expect(await peer.beat()).toEqual([]);
      await sleep(200);
    }
    expect((await jobs(db, "notify:send")).map((job) => job.locked_by)).toEqual([
      worker.workerId(),
      worker.workerId(),
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it("does not take a worker paused for more than an interval, but less than the bound, for dead", async () => {
    const intervalMs = 250;
    const staleAfterMs = staleAfterIntervals * intervalMs;
    const spawn = () => {
      const child = spawnWorker({
        DIRECT_URL: db.url,
        NOTIFY_PROVIDER: "fonnte",
        FONNTE_BASE_URL: fake.url,
        FONNTE_TOKEN: "t",
        NOTIFY_TIMEOUT_MS: "60000",
        WORKER_HEARTBEAT_INTERVAL_MS: String(intervalMs),
        WORKER_STALE_AFTER_MS: String(staleAfterMs),
        WORKER_POLL_INTERVAL_MS: "100",
      });
      cleanups.push(async () => {
        child.child.kill("SIGKILL");
        await child.exited;
      });
      return child;
    };
    fake.answer = "hang";
    const paused: WorkerProcess = spawn();
    await paused.logged("worker started");
    await queued(1);
    await fake.received(1);
    const [job] = await jobs(db, "notify:send");
    const peer = spawn();
    await peer.logged("worker started");
    await sleep(staleAfterMs + 2 * intervalMs);

    paused.child.kill("SIGSTOP");
    await sleep(intervalMs * 1.6);
    paused.child.kill("SIGCONT");
    await sleep(staleAfterMs + 2 * intervalMs);

    expect((await jobs(db, "notify:send"))[0]?.locked_by).toBe(job?.locked_by);
    expect(fake.requests).toHaveLength(1);
    fake.releaseHanging();
    await waitFor(async () => (await jobs(db, "notify:send")).length === 0, "the job to complete", 10_000);
    expect(fake.requests).toHaveLength(1);
  });
});
