// Starts one worker process's runner: graphile-worker on the process's shared pg.Pool, the task list from the
// catalog, the crontab, job history, heartbeat/crash recovery. main.ts adds signals; tests call this directly.
import { EventEmitter } from "node:events";
import { createDatabase, type Database } from "@nitip/db";
import { crontabText } from "@nitip/jobs";
import { type Runner, run, type TaskList, type WorkerEvents } from "graphile-worker";
import type { WorkerContext } from "./context.ts";
import { checkProviderConfig, type WorkerEnv, workerDatabaseUrl } from "./env.ts";
import { createHeartbeat } from "./heartbeat.ts";
import { createJobHistory } from "./job-history.ts";
import { type AppLogger, createLogger, graphileLogger } from "./logger.ts";
import { guardPool } from "./pool.ts";
import { createProviders } from "./providers/index.ts";
import { createTaskList } from "./tasks/index.ts";
import { sendsDrained } from "./tasks/notify-send.ts";
import type { SweepOptions } from "./tasks/sweep-overdue-orders.ts";

export interface StartedWorker {
  runner: Runner;
  context: WorkerContext;
  /** graphile-worker's pool id: the `locked_by` of this process's jobs and its heartbeat row. */
  workerId: () => string | undefined;
  /** Graceful stop: no new jobs, running ones get `shutdownTimeoutMs`, then they are failed (and retried). */
  stop: () => Promise<"graceful" | "forced">;
  /**
   * Resolves with the reason when the runner stops without stop() being called (graphile-worker gives up after a
   * database restart, or fails): the process must exit non-zero so its supervisor starts a fresh one. Its
   * heartbeat has already stopped, so peers free its jobs. Never settles after a graceful stop.
   */
  crashed: Promise<Error>;
}

export interface StartOptions {
  env: WorkerEnv;
  log?: AppLogger;
  db?: Database;
  /** Run no crontab (tests that want to control exactly which jobs exist). */
  noCron?: boolean;
  sweep?: SweepOptions;
  /** Tasks run next to the catalog's, with everything the worker adds (the bench's no-op job). */
  extraTasks?: TaskList;
}

export async function startWorker(options: StartOptions): Promise<StartedWorker> {
  const { env } = options;
  checkProviderConfig(env);
  const log = options.log ?? createLogger(env.LOG_LEVEL);
  const ownDb = !options.db;
  // Every running job may hold a connection (a notification holds its outbox row lock across the provider
  // call) plus graphile-worker's own fetch/complete/LISTEN connections.
  const db = options.db ?? createDatabase(workerDatabaseUrl(env), { max: env.WORKER_CONCURRENCY * 2 + 4 });
  guardPool(db.pool, log);
  const context: WorkerContext = { db, env, log, providers: createProviders(env, log) };

  const events = new EventEmitter() as WorkerEvents;
  const history = createJobHistory({ pool: db.pool, log, flushMs: env.JOB_HISTORY_FLUSH_MS });
  history.attach(events);
  const heartbeat = createHeartbeat({
    connectionString: workerDatabaseUrl(env),
    log,
    intervalMs: env.WORKER_HEARTBEAT_INTERVAL_MS,
    staleAfterMs: env.WORKER_STALE_AFTER_MS,
  });
  let workerId: string | undefined;
  const heartbeatStarted: Promise<void>[] = [];
  events.on("pool:create", ({ workerPool }) => {
    workerId = workerPool.id;
    heartbeatStarted.push(heartbeat.start(workerPool.id));
  });

  const batching = env.WORKER_BATCH_DELAY_MS;
  const localQueueSize = env.WORKER_LOCAL_QUEUE_SIZE ?? env.WORKER_CONCURRENCY + 1;
  const runner = await run({
    pgPool: db.pool,
    concurrency: env.WORKER_CONCURRENCY,
    pollInterval: env.WORKER_POLL_INTERVAL_MS,
    taskList: { ...createTaskList(context, { sweep: options.sweep }), ...options.extraTasks },
    crontab: options.noCron ? "" : crontabText(),
    events,
    logger: graphileLogger(log),
    noHandleSignals: true,
    // Tasks see helpers.abortSignal fire partway through the shutdown window, so provider calls are cancelled
    // (a failed attempt, retried elsewhere) before the runner is killed.
    gracefulShutdownAbortTimeout: Math.floor(env.WORKER_SHUTDOWN_TIMEOUT_MS * 0.6),
    preset: {
      worker: {
        localQueue: localQueueSize > 1 ? { size: localQueueSize } : undefined,
        completeJobBatchDelay: batching,
        failJobBatchDelay: batching,
      },
    },
  });
  await Promise.all(heartbeatStarted);
  log.info(
    {
      workerId,
      concurrency: env.WORKER_CONCURRENCY,
      provider: env.NOTIFY_PROVIDER,
      localQueue: localQueueSize,
      batchDelayMs: batching,
    },
    "worker started",
  );

  let stopping: Promise<"graceful" | "forced"> | undefined;
  // graphile-worker gives up after a database restart in two ways: its runner's promise settles (resolves,
  // even), or it reports a fatal pool error (it could not complete or fail jobs) and shuts down, sometimes
  // never finishing. Either way this process must go: running jobs get the shutdown bound to finish (the
  // heartbeat vouches for them meanwhile), then the heartbeat stops, without deleting its row, so that peers
  // free whatever this process still holds once it is stale.
  const crashed = new Promise<Error>((resolve) => {
    let reason: Error | undefined;
    const onEnd = async (error?: unknown) => {
      if (stopping || reason) return;
      reason = error instanceof Error ? error : new Error("graphile-worker's runner stopped by itself");
      log.error({ err: reason }, "the runner is failing; letting running jobs finish, then exiting");
      await Promise.race([
        Promise.all([runner.promise.catch(() => {}), sendsDrained()]),
        new Promise((done) => setTimeout(done, env.WORKER_SHUTDOWN_TIMEOUT_MS)),
      ]);
      await heartbeat.halt().catch(() => {});
      resolve(reason);
    };
    runner.promise.then(() => onEnd(), onEnd);
    events.on("pool:fatalError", ({ error }) => void onEnd(error));
    events.on("worker:fatalError", ({ error }) => void onEnd(error));
  });
  const stop = () => {
    stopping ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"forced">((resolve) => {
        timer = setTimeout(() => resolve("forced"), env.WORKER_SHUTDOWN_TIMEOUT_MS);
      });
      let outcome = await Promise.race([runner.stop().then(() => "graceful" as const), timeout]);
      clearTimeout(timer);
      if (outcome === "forced") {
        log.warn("running jobs did not finish in time; failing them so they are retried");
        await runner.kill().catch((error: unknown) => log.error({ err: error }, "forceful shutdown failed"));
        outcome = "forced";
      }
      await history.stop();
      await heartbeat
        .stop()
        .catch((error: unknown) => log.error({ err: error }, "could not remove heartbeat"));
      if (ownDb) await db.close();
      log.info({ outcome }, "worker stopped");
      return outcome;
    })();
    return stopping;
  };

  return { runner, context, workerId: () => workerId, stop, crashed };
}
