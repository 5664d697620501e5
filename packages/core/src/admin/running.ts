// Running and scheduled jobs for the admin: who holds what and for how long, and what runs next. A lock older
// than a task's timeout hints at a stuck job; a lock held by a worker without a fresh heartbeat can be freed
// with graphile-worker's force_unlock_workers (its jobs run again elsewhere).
import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { recordAdminAction } from "./audit.ts";
import { deadAfterSeconds } from "./queue.ts";

/**
 * No task declares a timeout (neither the catalog nor the worker's configuration), so a lock is suspicious
 * once it is as old as graphile-worker's own lock expiry: after 4 hours any worker may take the job again.
 */
export const stuckAfterSeconds = 4 * 60 * 60;

export interface RunningJob {
  id: string;
  task: string;
  workerId: string;
  lockedAt: Date;
  runningSeconds: number;
  /** The worker's last heartbeat; null when it never wrote one (or its row is gone). */
  workerLastSeen: Date | null;
  workerAlive: boolean;
  stuck: boolean;
}

export async function listRunningJobs(db: Db): Promise<RunningJob[]> {
  const rows = await db.$queryRaw<(Omit<RunningJob, "id"> & { id: bigint })[]>`
    select j.id, j.task_identifier as "task", j.locked_by as "workerId", j.locked_at as "lockedAt",
           floor(extract(epoch from now() - j.locked_at))::int as "runningSeconds",
           h.last_seen_at as "workerLastSeen",
           coalesce(h.last_seen_at > now() - ${deadAfterSeconds} * interval '1 second', false) as "workerAlive",
           j.locked_at < now() - ${stuckAfterSeconds} * interval '1 second' as "stuck"
      from graphile_worker.jobs j
      left join worker_heartbeats h on h.worker_id = j.locked_by
     where j.locked_at is not null
     order by j.locked_at
     limit 200`;
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}

export interface ScheduledJob {
  id: string;
  task: string;
  runAt: Date;
  attempts: number;
  /** The order the job concerns (order deadlines), with its code for the link. */
  orderId: string | null;
  orderCode: string | null;
}

export async function listScheduledJobs(db: Db, limit = 100): Promise<ScheduledJob[]> {
  // The payload (for the order id) is only in graphile-worker's private table; read-only, joined by key.
  const rows = await db.$queryRaw<(Omit<ScheduledJob, "id"> & { id: bigint })[]>`
    select j.id, j.task_identifier as "task", j.run_at as "runAt", j.attempts,
           o.id::text as "orderId", o.code as "orderCode"
      from graphile_worker.jobs j
      join graphile_worker._private_jobs p on p.id = j.id
      left join orders o
        on p.payload->>'orderId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       and o.id = (p.payload->>'orderId')::uuid
     where j.locked_at is null and j.attempts < j.max_attempts and j.run_at > now()
     order by j.run_at
     limit ${limit}`;
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}

/**
 * Frees every job a dead worker still holds (graphile-worker's force_unlock_workers), so other workers run
 * them. Refused while the worker's heartbeat is fresh: it is working on them.
 */
export async function forceUnlockWorker(
  db: Db,
  input: { workerId: string; adminUserId: string },
): Promise<{ unlocked: number }> {
  return db.$transaction(async (tx) => {
    const [{ alive } = { alive: false }] = await tx.$queryRaw<{ alive: boolean }[]>`
      select exists (select 1 from worker_heartbeats where worker_id = ${input.workerId}
                        and last_seen_at > now() - ${deadAfterSeconds} * interval '1 second') as "alive"`;
    if (alive) {
      throw new DomainError(
        "CONFLICT",
        `Worker ${input.workerId} is alive (fresh heartbeat); it is running its jobs. Nothing was unlocked.`,
      );
    }
    const held = await tx.$queryRaw<{ id: bigint }[]>`
      select id from graphile_worker.jobs where locked_by = ${input.workerId}`;
    if (held.length === 0) {
      throw new DomainError("NOT_FOUND", `Worker ${input.workerId} holds no jobs any more; reload the page.`);
    }
    await tx.$executeRaw`select graphile_worker.force_unlock_workers(${[input.workerId]}::text[])`;
    const ids = held.map((row) => row.id);
    await recordAdminAction(tx, {
      adminUserId: input.adminUserId,
      action: "force_unlock",
      target: `worker ${input.workerId}`,
      jobIds: ids,
      affectedIds: ids,
    });
    return { unlocked: ids.length };
  });
}
