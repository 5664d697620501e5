// Crash recovery in seconds. graphile-worker locks each job with its pool id and, if the process dies, leaves
// the lock for 4 hours. Each worker process writes a heartbeat row under its pool id every few seconds; every
// live worker, on the same tick, releases the jobs of any peer whose heartbeat is older than `staleAfterMs`
// (graphile_worker.force_unlock_workers) and deletes that heartbeat. Jobs locked by a pool that has no
// heartbeat row at all (a process that died before its first beat, or a `runOnce` helper) are released too once
// their lock is older than the same bound. A live worker's own jobs are never touched: it keeps beating.
import os from "node:os";
import type { Db } from "@nitip/db";
import type { AppLogger } from "./logger.ts";

export interface HeartbeatOptions {
  db: Db;
  log: AppLogger;
  intervalMs: number;
  staleAfterMs: number;
}

export interface Heartbeat {
  /** Registers the pool id (graphile-worker's `locked_by`) of this process and starts beating. */
  start(workerId: string): Promise<void>;
  /** One beat and one sweep, now. */
  beat(): Promise<string[]>;
  stop(): Promise<void>;
}

export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { db, log } = options;
  let workerId: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function beat(): Promise<string[]> {
    if (workerId) {
      await db.$executeRawUnsafe(
        `insert into worker_heartbeats (worker_id, hostname, pid, started_at, last_seen_at)
         values ($1, $2, $3, now(), now())
         on conflict (worker_id) do update set last_seen_at = now()`,
        workerId,
        os.hostname(),
        process.pid,
      );
    }
    return releaseDeadWorkers(db, options.staleAfterMs);
  }

  function tick() {
    running = beat()
      .then((released) => {
        if (released.length > 0)
          log.warn({ released }, "released the jobs of workers with a stale heartbeat");
      })
      .catch((error: unknown) => log.error({ err: error }, "heartbeat failed"))
      .finally(() => {
        if (workerId) timer = setTimeout(tick, options.intervalMs);
      });
  }

  return {
    async start(id) {
      workerId = id;
      await beat();
      timer = setTimeout(tick, options.intervalMs);
    },
    beat,
    async stop() {
      const id = workerId;
      workerId = undefined;
      clearTimeout(timer);
      await running;
      if (id) await db.workerHeartbeat.deleteMany({ where: { workerId: id } });
    },
  };
}

/** Unlocks the jobs of dead peers; returns their ids. Safe to run from every worker at once. */
export async function releaseDeadWorkers(db: Db, staleAfterMs: number): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ worker_id: string }[]>(
    `with stale as (
       delete from worker_heartbeats
        where last_seen_at < now() - $1 * interval '1 millisecond'
        returning worker_id
     ), orphaned as (
       select distinct locked_by as worker_id from graphile_worker._private_jobs j
        where locked_by is not null
          and locked_at < now() - $1 * interval '1 millisecond'
          and not exists (select 1 from worker_heartbeats h where h.worker_id = j.locked_by)
     ), dead as (
       select worker_id from stale union select worker_id from orphaned
     ), unlocked as (
       select graphile_worker.force_unlock_workers(array(select worker_id from dead))
     )
     select worker_id from dead, unlocked`,
    staleAfterMs,
  );
  return rows.map((row) => row.worker_id);
}
