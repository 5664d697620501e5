// What the admin pages read about the job queue: counts now, failed jobs grouped by what went wrong, and one
// job's full story. Reads graphile-worker's public `jobs` view; only the payload comes from its private table
// (the view has none). A job has failed when it used its last attempt: graphile-worker keeps it, never runs it.
import type { Db } from "@nitip/db";
import { Prisma } from "@nitip/db";
import { DomainError } from "../errors.ts";

/** A worker whose heartbeat is older than this is dead (the worker's WORKER_STALE_AFTER_MS default). */
export const deadAfterSeconds = 30;

/**
 * A failed job's error signature: its message with uuids, quoted values and numbers replaced, so "order 3f2c…
 * not found" and "order 9a1b… not found" fall in one group. The rule is the SQL function job_error_signature;
 * the worker's job history stores its result on the run that used up the last attempt, so the page reads it
 * with one index probe per failed job instead of three regular expressions (about 150 ms over 20,000 failed
 * jobs, bench admin). A job failed for good by a process that records no history (graphile-worker's CLI, or
 * `permanently_fail_jobs` by hand) has no such run: its signature is computed from `last_error` here.
 * Reads `j`, graphile-worker's `jobs` view.
 */
const errorSignatureSql = Prisma.sql`coalesce(
  (select r.error_signature from job_runs r
    where r.job_id = j.id and r.final order by r.id desc limit 1),
  job_error_signature(j.last_error))`;

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

/** What the failed page can narrow to; every part optional. Applied in SQL, to the listing and to group actions. */
export interface FailedJobFilter {
  task?: string;
  /** Part of the error message or the task name, any case. */
  text?: string;
  /** Only jobs that last failed within this many hours. */
  withinHours?: number;
}

/** Over `j`, graphile-worker's `jobs` view. */
function failedFilterSql(filter: FailedJobFilter = {}) {
  const parts = [Prisma.sql`j.locked_at is null and j.attempts >= j.max_attempts`];
  if (filter.task) parts.push(Prisma.sql`j.task_identifier = ${filter.task}`);
  if (filter.text) {
    // The admin's text is matched literally: % and _ are not wildcards here.
    const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(j.last_error ilike ${pattern} or j.task_identifier ilike ${pattern})`);
  }
  if (filter.withinHours) {
    parts.push(Prisma.sql`j.updated_at > now() - ${filter.withinHours} * interval '1 hour'`);
  }
  return Prisma.join(parts, " and ");
}

export async function listFailedGroups(db: Db, filter?: FailedJobFilter): Promise<FailedGroup[]> {
  // The sample is the newest job of the group, read after grouping: aggregating every error text in order
  // to keep one cost a sort of all failed jobs.
  const rows = await db.$queryRaw<(Omit<FailedGroup, "sampleJobId"> & { sampleJobId: bigint })[]>`
    with groups as (
      select j.task_identifier as "task", ${errorSignatureSql} as "signature", count(*)::int as "count",
             min(j.created_at) as "firstSeen", max(j.updated_at) as "lastSeen", max(j.id) as "sampleJobId"
        from graphile_worker.jobs j
       where ${failedFilterSql(filter)}
       group by 1, 2
       order by "count" desc, "lastSeen" desc
       limit 200
    )
    select g.*, p.last_error as "sampleError"
      from groups g join graphile_worker._private_jobs p on p.id = g."sampleJobId"
     order by g."count" desc, g."lastSeen" desc`;
  return rows.map((row) => ({ ...row, sampleJobId: row.sampleJobId.toString() }));
}

/** The failed jobs of one group, by the same rule as the listing (one definition of "the group"). */
export async function failedJobIdsOfGroup(
  db: Db,
  group: { task: string; signature: string },
  filter?: FailedJobFilter,
) {
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    select j.id from graphile_worker.jobs j
     where ${failedFilterSql({ ...filter, task: group.task })} and ${errorSignatureSql} = ${group.signature}`;
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
  const orderId = await orderOfJob(db, job?.payload ?? null, runs);
  const order = orderId
    ? await db.order.findUnique({ where: { id: orderId }, select: { id: true, code: true } })
    : null;
  return {
    jobId: jobId.toString(),
    job: job ? { ...job, id: job.id.toString(), failed: job.attempts >= job.maxAttempts } : null,
    runs,
    orderId,
    orderCode: order?.code ?? null,
  };
}

/**
 * The order a job concerns: its payload's `orderId`; for a notification, its outbox row's order; else what
 * job history recorded.
 */
async function orderOfJob(db: Db, payload: unknown, runs: { orderId: string | null }[]) {
  const { orderId, outboxId } = (payload ?? {}) as { orderId?: unknown; outboxId?: unknown };
  if (typeof orderId === "string" && uuid.test(orderId)) return orderId;
  if (typeof outboxId === "string" && uuid.test(outboxId)) {
    const row = await db.notificationOutbox.findUnique({
      where: { id: outboxId },
      select: { orderId: true },
    });
    if (row?.orderId) return row.orderId;
  }
  return runs.find((run) => run.orderId)?.orderId ?? null;
}
