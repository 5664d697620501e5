// The real worker for the job scenarios: apps/worker's `startWorker` (job history, heartbeat, error
// classification, graphile-worker's log routed into pino at the production level), in this process, with the
// bench's no-op task added next to the catalog's. Its log lines go to a sink that only counts them, so the
// figure includes formatting every line (what production pays before stdout) but not a terminal.
import { Writable } from "node:stream";
import type { TaskList } from "graphile-worker";
import { loadEnv } from "../apps/worker/src/env.ts";
import { createLogger } from "../apps/worker/src/logger.ts";
import { startWorker } from "../apps/worker/src/worker.ts";
import { onCleanup } from "./cleanup.ts";
import type { WorkerConfig } from "./worker.ts";

/** A pino destination that drops everything and counts lines. */
export function countingSink() {
  let lines = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
      done();
    },
  });
  return { stream, lines: () => lines };
}

export interface NitipWorkerOptions {
  /** Omitted: the worker's own env defaults (concurrency, local queue, batch delays). */
  config?: WorkerConfig;
  logLevel?: string;
}

/** `startWorker` with `tasks` added; `stop()` is also registered as a cleanup. */
export async function startNitipWorker(url: string, tasks: TaskList, options: NitipWorkerOptions = {}) {
  const { config } = options;
  const env = loadEnv({
    NODE_ENV: "development",
    DATABASE_URL: url,
    DIRECT_URL: url,
    NOTIFY_PROVIDER: "log",
    LOG_LEVEL: options.logLevel ?? "info",
    ...(config
      ? {
          WORKER_CONCURRENCY: String(config.concurrency),
          WORKER_LOCAL_QUEUE_SIZE: String(config.localQueueSize),
          WORKER_BATCH_DELAY_MS: String(config.batchDelayMs),
          WORKER_POLL_INTERVAL_MS: "2000",
        }
      : {}),
  });
  const sink = countingSink();
  const worker = await startWorker({
    env,
    log: createLogger(env.LOG_LEVEL, sink.stream),
    noCron: true,
    extraTasks: tasks,
  });
  onCleanup(() => worker.stop().then(() => undefined));
  return {
    stop: () => worker.stop().then(() => undefined),
    logLines: sink.lines,
    describe: `concurrency ${env.WORKER_CONCURRENCY}, localQueue ${env.WORKER_LOCAL_QUEUE_SIZE ?? env.WORKER_CONCURRENCY + 1}, batch delays ${env.WORKER_BATCH_DELAY_MS} ms, LOG_LEVEL ${env.LOG_LEVEL}`,
  };
}
