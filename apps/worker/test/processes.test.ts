// Real worker processes against the test database: crash recovery after `kill -9` mid-job, graceful shutdown
// on SIGTERM, and two workers side by side sharing the work without doing anything twice.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOutboxRow } from "./fixtures.ts";
import { type FakeWhatsApp, jobs, startFakeWhatsApp, waitFor } from "./helpers.ts";
import { spawnWorker, type WorkerProcess } from "./processes.ts";

const db = useTestDatabase();
let fake: FakeWhatsApp;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  fake = await startFakeWhatsApp();
});
afterAll(() => fake.close());
afterEach(async () => {
  for (const worker of started.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
  }
  fake.answer = "ok";
  fake.requests.length = 0;
  await db.prisma.$executeRawUnsafe("delete from graphile_worker._private_jobs");
});

function worker(env: Record<string, string> = {}) {
  const process = spawnWorker({
    DIRECT_URL: db.url,
    NOTIFY_PROVIDER: "fonnte",
    FONNTE_BASE_URL: fake.url,
    FONNTE_TOKEN: "test-token",
    NOTIFY_GLOBAL_RATE_PER_S: "1000",
    WORKER_HEARTBEAT_INTERVAL_MS: "300",
    WORKER_STALE_AFTER_MS: "2000",
    WORKER_POLL_INTERVAL_MS: "200",
    JOB_HISTORY_FLUSH_MS: "200",
    ...env,
  });
  started.push(process);
  return process;
}

async function queuedNotification(recipient?: string) {
  const row = await createOutboxRow(db, { recipient });
  await enqueue(db.prisma, "notify:send", { outboxId: row.id });
  return row;
}

const status = async (id: string) =>
  (await db.prisma.notificationOutbox.findUniqueOrThrow({ where: { id } })).status;

describe("worker processes", () => {
  it("recovers a job from a worker killed with SIGKILL mid-job, within the heartbeat bound", async () => {
    const row = await queuedNotification();
    fake.answer = "hang";
    const doomed = worker({ NOTIFY_TIMEOUT_MS: "120000", WORKER_CONCURRENCY: "1" });
    await fake.received(1);
    const [locked] = await jobs(db, "notify:send");
    expect(locked?.locked_by).toMatch(/^pool-/);
    expect(await db.prisma.workerHeartbeat.count({ where: { workerId: locked?.locked_by ?? "" } })).toBe(1);

    doomed.child.kill("SIGKILL");
    expect(await doomed.exited).toBe("SIGKILL");
    fake.answer = "ok";

    const rescuer = worker({ NOTIFY_TIMEOUT_MS: "5000" });
    await waitFor(async () => (await status(row.id)) === "sent", "the second worker to send the row", 60_000);
    // The row is marked sent inside the task; graphile-worker completes the job just after, in a batch.
    await waitFor(async () => (await jobs(db, "notify:send")).length === 0, "the job to complete", 10_000);
    expect(await db.prisma.workerHeartbeat.count({ where: { workerId: locked?.locked_by ?? "" } })).toBe(0);
    // The documented crash window: the dead worker's request reached the provider, so the row was sent twice.
    expect(fake.requests).toHaveLength(2);

    rescuer.child.kill("SIGTERM");
    expect(await rescuer.exited).toBe(0);
  });

  it("on SIGTERM stops taking jobs, lets the running job finish, and exits 0", async () => {
    const running = await queuedNotification();
    fake.answer = "hang";
    const process = worker({
      NOTIFY_TIMEOUT_MS: "60000",
      WORKER_CONCURRENCY: "1",
      WORKER_SHUTDOWN_TIMEOUT_MS: "60000",
    });
    await fake.received(1);
    const waiting = await queuedNotification();

    process.child.kill("SIGTERM");
    await process.logged("shutting down gracefully");
    fake.releaseHanging();
    expect(await process.exited).toBe(0);
    expect(await status(running.id)).toBe("sent");
    expect(await status(waiting.id)).toBe("pending");
    expect(fake.requests).toHaveLength(1);
    expect(await db.prisma.workerHeartbeat.count()).toBe(0);
  });

  it("shares the work between two processes without sending anything twice", async () => {
    await db.prisma.jobRun.deleteMany();
    const rows: { id: string }[] = [];
    for (let i = 0; i < 40; i++) rows.push(await queuedNotification(`+62814${String(i).padStart(8, "0")}`));
    // The first four requests are held until four are in flight at once: with concurrency 2 per process,
    // that proves both processes are working in parallel.
    fake.answer = (index) => (index < 4 ? "hang" : "ok");
    const first = worker({ WORKER_CONCURRENCY: "2" });
    const second = worker({ WORKER_CONCURRENCY: "2" });
    await fake.received(4);
    fake.releaseHanging();
    await waitFor(
      async () =>
        (await db.prisma.notificationOutbox.count({
          where: { id: { in: rows.map((r) => r.id) }, status: "sent" },
        })) === 40,
      "all 40 rows to be sent",
    );
    first.child.kill("SIGTERM");
    second.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);

    const targets = fake.requests.map((request) => new URLSearchParams(request.body).get("target"));
    expect(targets).toHaveLength(40);
    expect(new Set(targets).size).toBe(40);
    const runs = await db.prisma.jobRun.findMany({ where: { taskIdentifier: "notify:send" } });
    expect(runs).toHaveLength(40);
    expect(new Set(runs.map((run) => run.jobId)).size).toBe(40);
    expect(new Set(runs.map((run) => run.workerId)).size).toBe(2);
  });
});
