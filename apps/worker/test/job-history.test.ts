// The job history writes what graphile-worker's events say, column by column: texts that need quoting in the
// array literals it sends (quotes, backslashes, braces, commas, the word NULL, newlines, non-ASCII) come back
// as they were, the queue name is resolved from the queue id, and a failure on the last attempt is final.
import { EventEmitter } from "node:events";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import type { Job, WorkerEvents } from "graphile-worker";
import { expect, it } from "vitest";
import { createJobHistory } from "../src/job-history.ts";
import { silentLog, waitFor } from "./helpers.ts";

const db = useTestDatabase();
const tricky = 'say "hi", {a,b} \\ back\\slash NULL\nline two: ümlaut 日本';
const orderId = "0b7c1f5e-4a8e-4f43-9a51-2f1d3c4b5a69";

/** What graphile-worker emits, as far as the history reads it (the job, and the error of a failure). */
function fire(
  events: WorkerEvents,
  name: "job:start" | "job:success" | "job:error",
  job: Job,
  error?: unknown,
) {
  (events as unknown as EventEmitter).emit(name, { job, error });
}

async function queuedJob(queue: string | null, maxAttempts: number): Promise<Job> {
  const added = await db.pool.query<{ id: string }>(
    "select id from graphile_worker.add_job('test:history', $1::json, queue_name := $2, max_attempts := $3)",
    [JSON.stringify({ orderId, note: tricky }), queue, maxAttempts],
  );
  // The fields graphile-worker's Job carries: the task name from the view, queue id and payload from the table.
  const { rows } = await db.pool.query<Job>(
    `select v.*, p.job_queue_id, p.payload from graphile_worker.jobs v
       join graphile_worker._private_jobs p using (id) where v.id = $1`,
    [added.rows[0]?.id],
  );
  const job = rows[0];
  if (!job) throw new Error("add_job returned nothing");
  return job;
}

it("records every column of each run, texts exactly as given", async () => {
  const events = new EventEmitter() as WorkerEvents;
  const history = createJobHistory({ pool: db.pool, log: silentLog, flushMs: 60_000 });
  history.attach(events);
  const queued = await queuedJob("q-history", 2);
  const ok: Job = { ...queued, key: tricky, attempts: 1, locked_by: 'worker {1}, "a"' };
  const failed: Job = { ...queued, id: "999999", key: null, attempts: 2, locked_by: null, payload: null };
  const error = new Error(tricky);
  error.stack = `Error: ${tricky}\n    at somewhere`;
  const before = Date.now();
  fire(events, "job:start", ok);
  fire(events, "job:start", failed);
  await new Promise((resolve) => setTimeout(resolve, 30));
  fire(events, "job:success", ok);
  fire(events, "job:error", failed, error);
  await history.stop();

  const runs = await db.prisma.jobRun.findMany({ orderBy: { jobId: "asc" } });
  expect(runs).toHaveLength(2);
  const [success, failure] = runs.sort((a, b) => (a.outcome < b.outcome ? 1 : -1));
  expect(success).toMatchObject({
    jobId: BigInt(queued.id),
    taskIdentifier: "test:history",
    jobKey: tricky,
    queueName: "q-history",
    attempt: 1,
    maxAttempts: 2,
    workerId: 'worker {1}, "a"',
    outcome: "success",
    final: false,
    errorMessage: null,
    errorStack: null,
    payload: { orderId, note: tricky },
    orderId,
  });
  expect(success?.durationMs).toBeGreaterThanOrEqual(25);
  expect(success?.startedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
  expect(success?.startedAt.getTime()).toBeLessThanOrEqual(before + 25);
  const signature = await db.pool.query<{ s: string }>("select job_error_signature($1) as s", [tricky]);
  expect(success?.errorSignature).toBeNull();
  expect(failure?.errorSignature).toBe(signature.rows[0]?.s);
  expect(failure).toMatchObject({
    jobId: 999_999n,
    jobKey: null,
    queueName: "q-history",
    attempt: 2,
    workerId: null,
    outcome: "failure",
    final: true,
    errorMessage: tricky,
    errorStack: `Error: ${tricky}\n    at somewhere`,
    payload: null,
    orderId: null,
  });
});

it("writes a full buffer at once, and a job with no queue has no queue name", async () => {
  await db.prisma.jobRun.deleteMany();
  const events = new EventEmitter() as WorkerEvents;
  const history = createJobHistory({ pool: db.pool, log: silentLog, flushMs: 60_000, maxBuffer: 3 });
  history.attach(events);
  const queued = await queuedJob(null, 1);
  for (let i = 0; i < 3; i++) {
    const job: Job = { ...queued, id: String(5000 + i), payload: { i } };
    fire(events, "job:start", job);
    fire(events, "job:success", job);
  }
  // No flush asked for: the third run fills the buffer, which writes it.
  await waitFor(async () => (await db.prisma.jobRun.count()) === 3, "the full buffer written", 5_000);
  const runs = await db.prisma.jobRun.findMany({ orderBy: { jobId: "asc" } });
  expect(runs.map((run) => [run.jobId, run.queueName, run.payload, run.orderId])).toEqual([
    [5000n, null, { i: 0 }, null],
    [5001n, null, { i: 1 }, null],
    [5002n, null, { i: 2 }, null],
  ]);
  await history.stop();
});

it("stores a run whose payload or error holds a NUL or an unpaired surrogate, and the rest of its batch", async () => {
  await db.prisma.jobRun.deleteMany();
  const events = new EventEmitter() as WorkerEvents;
  const history = createJobHistory({ pool: db.pool, log: silentLog, flushMs: 60_000 });
  history.attach(events);
  const queued = await queuedJob(null, 1);
  // graphile-worker's json column keeps "\u0000" (jsonb, where history stores payloads, refuses it).
  const hostile: Job = { ...queued, id: "7001", payload: { note: "a\u0000b\ud800c", pair: "😀" } };
  const plain: Job = { ...queued, id: "7002", payload: { note: "fine" } };
  fire(events, "job:start", hostile);
  fire(events, "job:error", hostile, new Error("bad\u0000 byte \udc00 here"));
  fire(events, "job:start", plain);
  fire(events, "job:success", plain);
  await history.stop();

  const runs = await db.prisma.jobRun.findMany({ orderBy: { jobId: "asc" } });
  expect(runs.map((run) => [run.jobId, run.payload, run.errorMessage])).toEqual([
    [7001n, { note: "a\ufffdb\ufffdc", pair: "😀" }, "bad\ufffd byte \ufffd here"],
    [7002n, { note: "fine" }, null],
  ]);
});
