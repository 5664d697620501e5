// Crash recovery in seconds. graphile-worker locks each job with its pool id and, if the process dies, leaves
// the lock for 4 hours. Each worker process writes a heartbeat row under its pool id every `intervalMs`; every
// live worker, on the same tick, releases the jobs of any peer whose heartbeat is older than `staleAfterMs`
// (graphile_worker.force_unlock_workers) and deletes that heartbeat.
//
// Only a peer that once registered a heartbeat and then stopped beating is taken for dead. A graphile-worker
// process that never writes one (the CLI, runOnce, an older deploy) is not ours to judge: its locks are left to
// graphile-worker's own 4-hour expiry. (A process that dies in the few milliseconds between taking its first
// jobs and its first beat falls there too.)
//
// No false deaths:
//   - The heartbeat has its own connection, not the job pool: a worker whose pool is exhausted by busy jobs
//     still beats.
//   - env.ts requires `staleAfterMs` to be several intervals, so a worker whose event loop is blocked for an
//     interval or two is not taken for dead.
//   - A worker sweeps only after it has itself been beating without a gap for `staleAfterMs`. After a database
//     outage (or a pause of this process) every heartbeat is old, alive or not; the peers get a full bound to
//     beat again before anyone judges them.
import os from "node:os";
import pg from "pg";
import type { AppLogger } from "./logger.ts";

export interface HeartbeatOptions {
  connectionString: string;
  log: AppLogger;
  intervalMs: number;
  staleAfterMs: number;
}

export interface Heartbeat {
  /** Registers the pool id (graphile-worker's `locked_by`) of this process and starts beating. */
  start(workerId: string): Promise<void>;
  /** One beat and, if this worker has been beating steadily for the bound, one sweep; now. */
  beat(): Promise<string[]>;
  /**
   * Stops beating but leaves the row: the runner stopped by itself, maybe holding locks, so the row must go
   * stale and a peer must free those jobs. The heartbeat never vouches for a stopped runner.
   */
  halt(): Promise<void>;
  /** Graceful stop: halts and deletes the row (the runner has returned its jobs). */
  stop(): Promise<void>;
}

export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { log, intervalMs, staleAfterMs } = options;
  const connection = new pg.Pool({
    connectionString: options.connectionString,
    max: 1,
    connectionTimeoutMillis: intervalMs * 2,
    query_timeout: intervalMs * 2,
    application_name: "nitip-worker-heartbeat",
  });
  connection.on("error", (error) => log.warn({ err: error }, "heartbeat connection dropped"));
  let workerId: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastBeatAt = 0;
  let steadySince = Number.POSITIVE_INFINITY;

  async function beat(): Promise<string[]> {
    if (workerId) {
      await connection.query(
        `insert into worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at)
         values ($1, $2, $3, now(), now())
         on conflict (worker_id) do update set last_seen_at = now()`,
        [workerId, os.hostname(), process.pid],
      );
    }
    const now = performance.now();
    if (now - lastBeatAt > staleAfterMs / 2) steadySince = now;
    lastBeatAt = now;
    if (now - steadySince < staleAfterMs) return [];
    return releaseDeadWorkers(connection, staleAfterMs);
  }

  function tick() {
    running = beat()
      .then((released) => {
        if (released.length > 0)
          log.warn({ released }, "released the jobs of workers with a stale heartbeat");
      })
      .catch((error: unknown) => log.error({ err: error }, "heartbeat failed"))
      .finally(() => {
        if (workerId) timer = setTimeout(tick, intervalMs);
      });
  }

  let ended: Promise<void> | undefined;
  async function halt() {
    const id = workerId;
    workerId = undefined;
    clearTimeout(timer);
    await running;
    return id;
  }
  const end = () => {
    ended ??= connection.end();
    return ended;
  };

  return {
    async start(id) {
      workerId = id;
      running = beat();
      await running;
      timer = setTimeout(tick, intervalMs);
    },
    beat,
    async halt() {
      await halt();
      await end();
    },
    async stop() {
      const id = await halt();
      try {
        if (id && !ended) await connection.query("delete from worker_heartbeats where worker_id = $1", [id]);
      } finally {
        await end();
      }
    },
  };
}

/** Unlocks the jobs of dead peers; returns their ids. Safe to run from every worker at once. */
export async function releaseDeadWorkers(
  db: Pick<pg.Pool, "query">,
  staleAfterMs: number,
): Promise<string[]> {
  const { rows } = await db.query<{ worker_id: string }>(
    `with dead as (
       delete from worker_heartbeats
        where last_seen_at < now() - $1 * interval '1 millisecond'
        returning worker_id
     ), unlocked as (
       select graphile_worker.force_unlock_workers(array(select worker_id from dead))
     )
     select worker_id from dead, unlocked`,
    [staleAfterMs],
  );
  return rows.map((row) => row.worker_id);
}
