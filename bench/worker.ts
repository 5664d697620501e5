// graphile-worker set-up shared by the job scenarios: a quiet in-process runner with the batching options
// under test, and a helper that empties the queue between scenarios.

import { EventEmitter } from "node:events";
import { Logger, type Runner, run, type TaskList, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { onCleanup } from "./cleanup.ts";

export interface WorkerConfig {
  concurrency: number;
  /** graphile-worker localQueue size; 0 turns batching off (per-job get_job + complete_job). */
  localQueueSize: number;
  /** completeJobBatchDelay and failJobBatchDelay; -1 turns batching off. */
  batchDelayMs: number;
}

const envNumber = (name: string, fallback: number) =>
  process.env[name] === undefined ? fallback : Number(process.env[name]);

/**
 * Tuned on the 2-core bench box with graphile-worker 0.18's batching options (100,000 no-op jobs, machine
 * loaded at 5-9): 24 / 500 / 0 ms ~17,000/s; 24 / 1000 / 10 ms ~16,500/s; 48 / 2000 / 20 ms ~24,000/s;
 * 48 / 2000 / 50 ms ~23,000/s; 96 / 4000 / 20 ms ~20,000/s. A bigger local queue means fewer get_job round trips,
 * a completion delay of a few tens of ms turns thousands of complete_job calls into a few batched deletes (the
 * docs suggest starting around 250 ms; beyond ~20 ms nothing more is gained here), and 48 concurrent no-op
 * handlers keep the local queue drained between fetches. refetchDelay only matters when the queue runs dry.
 * The production defaults (apps/worker env) stay as they are: real handlers are not no-ops.
 */
export const batched: WorkerConfig = {
  concurrency: envNumber("BENCH_JOBS_CONCURRENCY", 48),
  localQueueSize: envNumber("BENCH_JOBS_LOCAL_QUEUE", 2000),
  batchDelayMs: envNumber("BENCH_JOBS_BATCH_DELAY_MS", 20),
};
export const unbatched: WorkerConfig = { concurrency: 24, localQueueSize: 0, batchDelayMs: -1 };

export function describeConfig(config: WorkerConfig): string {
  return config.localQueueSize > 0
    ? `concurrency ${config.concurrency}, localQueue ${config.localQueueSize}, batch delays ${config.batchDelayMs} ms`
    : `concurrency ${config.concurrency}, no batching`;
}

const quiet = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[bench] graphile-worker: ${message}`);
});

/** `onEvents`: listeners to attach to graphile-worker's events before it starts (the job history). */
export async function startWorker(
  url: string,
  config: WorkerConfig,
  taskList: TaskList,
  onEvents?: (events: WorkerEvents) => void,
): Promise<Runner> {
  const events = new EventEmitter() as WorkerEvents;
  onEvents?.(events);
  const runner = await run({
    events,
    connectionString: url,
    concurrency: config.concurrency,
    maxPoolSize: config.concurrency + 2,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: quiet,
    taskList,
    preset: {
      worker: {
        ...(config.localQueueSize > 0 ? { localQueue: { size: config.localQueueSize } } : {}),
        completeJobBatchDelay: config.batchDelayMs,
        failJobBatchDelay: config.batchDelayMs,
      },
    },
  });
  const stopRunner = runner.stop.bind(runner);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopRunner();
    return stopping;
  };
  onCleanup(stop);
  return Object.assign(runner, { stop });
}

/**
 * Empties the queue with TRUNCATE (the bench database is throw-away), then checkpoints, untimed: every drain
 * starts from the same fresh tables. With DELETE + VACUUM instead, graphile-worker's own statements cost
 * PostgreSQL about twice as much per job in every drain after the first (measured, three bare drains in a row:
 * 14, 32, 30 µs per job; with TRUNCATE 14, 14, 14), which made the first drain (bare) look cheaper than the
 * drains it is compared with.
 */
export async function resetQueue(pool: pg.Pool): Promise<void> {
  await pool.query("truncate graphile_worker._private_jobs, graphile_worker._private_job_queues");
  await pool.query("checkpoint");
}

/**
 * Adds `count` jobs of `task` with `add_jobs`, built in SQL, `chunk` per call; returns the seconds taken.
 * `payloadSql` is an SQL expression over `g`, the job's 1-based number.
 */
export async function bulkAddJobs(
  pool: pg.Pool,
  task: string,
  count: number,
  options: { chunk?: number; payloadSql?: string; maxAttempts?: number } = {},
): Promise<number> {
  const chunk = options.chunk ?? 10_000;
  const payload = options.payloadSql ?? "json_build_object('i', g)";
  const started = performance.now();
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await pool.query(
      `select count(*) from graphile_worker.add_jobs(array(
         select row($1::text, ${payload}, null, null, $4::int, null, null, null)::graphile_worker.job_spec
           from generate_series($2::int, $3::int) g))`,
      [task, from, to, options.maxAttempts ?? 1],
    );
  }
  return (performance.now() - started) / 1000;
}

export async function pendingJobs(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "select count(*)::int as n from graphile_worker._private_jobs",
  );
  return rows[0]?.n ?? 0;
}
