// What the admin pages read about the job queue: counts now, failed jobs grouped by what went wrong, and one
// job's full story. Reads graphile-worker's public `jobs` view; only the payload comes from its private table
// (the view has none). A job has failed when it used its last attempt: graphile-worker keeps it, never runs it.
import type { Db } from "@nitip/db";
import { Prisma } from "@nitip/db";
import { DomainError } from "../errors.ts";

/** A worker whose heartbeat is older than this is dead (the worker's WORKER_STALE_AFTER_MS default). */
export const deadAfterSeconds = 30;

/**
 * The error signature: the message with uuids, quoted values and numbers replaced, so "order 3f2c… not found"
 * and "order 9a1b… not found" fall in one group. In SQL, so grouping 100,000 jobs never leaves the database.
 */
export const errorSignatureSql = Prisma.sql`regexp_replace(regexp_replace(regexp_replace(
  left(coalesce(last_error, ''), 500),
  '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<id>', 'gi'),
  '"[^"]*"|''[^'']*''', '<value>', 'g'),
  '[0-9]+', '<n>', 'g')`;

export interface QueueOverview {
  ready: number;
  scheduled: number;
  running: number;
  failed: number;
  lockedByDeadWorkers: number;
  /** Seconds the oldest ready job has waited past its run time; null when none waits. */
  oldestWaitingSeconds: number | null;
}

export async function getQueueOverview(db: Db): Promise<QueueOverview> {
  const [row] = await db.$queryRaw<Record<keyof QueueOverview, number | null>[]>`
    with alive as (
      select worker_id from worker_heartbeats
       where last_seen_at > now() - ${deadAfterSeconds} * interval '1 second'
    )
    select
      count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now())::int as "ready",
      count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now())::int as "scheduled",
      count(*) filter (where locked_at is not null
                         and locked_by in (select worker_id from alive))::int as "running",
      count(*) filter (where locked_at is null and attempts >= max_attempts)::int as "failed",
      count(*) filter (where locked_at is not null
                         and locked_by not in (select worker_id from alive))::int as "lockedByDeadWorkers",
      extract(epoch from now() - min(run_at) filter (
        where locked_at is null and attempts < max_attempts and run_at <= now()))::float8 as "oldestWaitingSeconds"
    from graphile_worker.jobs`;
  return {
    ready: row?.ready ?? 0,
    scheduled: row?.scheduled ?? 0,
    running: row?.running ?? 0,
    failed: row?.failed ?? 0,
    lockedByDeadWorkers: row?.lockedByDeadWorkers ?? 0,
    oldestWaitingSeconds: row?.oldestWaitingSeconds == null ? null : Math.floor(row.oldestWaitingSeconds),
  };
}

export interface FailedGroup {
  task: string;
  signature: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  sampleJobId: string;
  sampleError: string | null;
}

export async function listFailedGroups(db: Db): Promise<FailedGroup[]> {
  const rows = await db.$queryRaw<(Omit<FailedGroup, "sampleJobId"> & { sampleJobId: bigint })[]>`
    select task_identifier as "task", ${errorSignatureSql} as "signature", count(*)::int as "count",
           min(created_at) as "firstSeen", max(updated_at) as "lastSeen",
           max(id) as "sampleJobId", (array_agg(last_error order by id desc))[1] as "sampleError"
      from graphile_worker.jobs
     where locked_at is null and attempts >= max_attempts
     group by 1, 2
     order by "count" desc, "lastSeen" desc
     limit 200`;
  return rows.map((row) => ({ ...row, sampleJobId: row.sampleJobId.toString() }));
}

/** The failed jobs of one group, by the same rule as the listing (one definition of "the group"). */
export async function failedJobIdsOfGroup(db: Db, group: { task: string; signature: string }) {
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    select id from graphile_worker.jobs
     where locked_at is null and attempts >= max_attempts
       and task_identifier = ${group.task} and ${errorSignatureSql} = ${group.signature}`;
  return rows.map((row) => row.id);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getJobDetail(db: Db, jobId: bigint) {
  const [job] = await db.$queryRaw<
    {
      id: bigint;
      task: string;
      queue: string | null;
      key: string | null;
      runAt: Date;
      attempts: number;
      maxAttempts: number;
      lastError: string | null;
      lockedAt: Date | null;
      lockedBy: string | null;
      createdAt: Date;
      payload: unknown;
    }[]
  >`
    select v.id, v.task_identifier as "task", v.queue_name as "queue", v.key, v.run_at as "runAt",
           v.attempts, v.max_attempts as "maxAttempts", v.last_error as "lastError",
           v.locked_at as "lockedAt", v.locked_by as "lockedBy", v.created_at as "createdAt", p.payload
      from graphile_worker.jobs v
      join graphile_worker._private_jobs p on p.id = v.id
     where v.id = ${jobId}`;
  const runs = await db.jobRun.findMany({
    where: { jobId },
    orderBy: { startedAt: "asc" },
    select: {
      attempt: true,
      startedAt: true,
      durationMs: true,
      workerId: true,
      outcome: true,
      errorMessage: true,
      errorStack: true,
      orderId: true,
    },
  });
  if (!job && runs.length === 0) {
    throw new DomainError("NOT_FOUND", `Job ${jobId} is not in the queue and has no recorded runs.`);
  }
  const payloadOrderId = (job?.payload as { orderId?: unknown } | null)?.orderId;
  const orderId =
    typeof payloadOrderId === "string" && uuid.test(payloadOrderId)
      ? payloadOrderId
      : (runs.find((run) => run.orderId)?.orderId ?? null);
  return {
    jobId: jobId.toString(),
    job: job ? { ...job, id: job.id.toString(), failed: job.attempts >= job.maxAttempts } : null,
    runs,
    orderId,
  };
}
