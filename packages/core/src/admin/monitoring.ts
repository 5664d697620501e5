// What the monitoring endpoints (/api/monitoring/queue/*) and the metrics scrape read about the job queue:
// counts by state, what is wrong right now, and who is working. These read graphile-worker's private tables
// (read only, never written): its public `jobs` view names each job's task and queue by joining every row,
// which over 100,000 jobs cost as much again as the counting itself, and hides `is_available`, the column its
// own partial index is built on.
import type { Db } from "@nitip/db";
import { crontab } from "@nitip/jobs";
import { deadAfterSeconds } from "./queue.ts";

export const jobStates = ["ready", "scheduled", "running", "failed"] as const;
export type JobState = (typeof jobStates)[number];
export type StateCounts = Record<JobState, number>;

export interface QueueStats {
  total: StateCounts;
  byTask: Record<string, StateCounts>;
}

/**
 * Every job in exactly one state: `running` is locked by a worker (alive or not), `failed` used its last
 * attempt, `ready` may run now, `scheduled` waits for its run_at.
 */
export async function getQueueStats(db: Db): Promise<QueueStats> {
  // Counted by task id on the private table, then named: the public view joins every job to its task and
  // queue name before counting, which doubled the time over 100,000 jobs (bench admin).
  // `is_available` is graphile-worker's own stored column: not locked and attempts left.
  const rows = await db.$queryRaw<({ task: string } & StateCounts)[]>`
    select t.identifier as "task", c.ready, c.scheduled, c.running, c.failed
      from (select task_id,
                   count(*) filter (where is_available and run_at <= now())::int as "ready",
                   count(*) filter (where is_available and run_at > now())::int as "scheduled",
                   count(*) filter (where locked_at is not null)::int as "running",
                   count(*) filter (where locked_at is null and not is_available)::int as "failed"
              from graphile_worker._private_jobs
             group by task_id) c
      join graphile_worker._private_tasks t on t.id = c.task_id
     order by t.identifier`;
  const total: StateCounts = { ready: 0, scheduled: 0, running: 0, failed: 0 };
  const byTask: Record<string, StateCounts> = {};
  for (const { task, ...counts } of rows) {
    byTask[task] = counts;
    for (const state of jobStates) total[state] += counts[state];
  }
  return { total, byTask };
}

export interface HealthThresholds {
  /** A ready job waiting longer than this means the workers do not keep up (or none runs). */
  maxReadyWaitSeconds: number;
  /** The window whose failure rate is compared with the hour before it. */
  recentMinutes: number;
  /** Failures in the window below this never count as rising (a single failure is not a trend). */
  minRecentFailures: number;
}

export const defaultHealthThresholds: HealthThresholds = {
  maxReadyWaitSeconds: 300,
  recentMinutes: 15,
  minRecentFailures: 5,
};

export type HealthProblem =
  | { code: "no_worker_alive"; message: string }
  | { code: "oldest_ready_job_too_old"; message: string; waitingSeconds: number }
  | { code: "failure_rate_rising"; message: string; recentRate: number; previousRate: number };

export interface QueueHealth {
  status: "ok" | "failing";
  problems: HealthProblem[];
  workersAlive: number;
  oldestReadySeconds: number | null;
  failureRate: { recent: number; previousHour: number; recentRuns: number; recentFailures: number };
}

/**
 * Rising: the share of failed runs in the last `recentMinutes` is at least double the hour before it (or
 * any share when that hour had none), with at least `minRecentFailures` failures. Reads job_runs by its
 * started_at index, so only the last 75 minutes of history are touched however long it is.
 */
export async function getQueueHealth(
  db: Db,
  thresholds: HealthThresholds = defaultHealthThresholds,
): Promise<QueueHealth> {
  const [row] = await db.$queryRaw<
    {
      workersAlive: number;
      oldestReadySeconds: number | null;
      recentRuns: number;
      recentFailures: number;
      previousRuns: number;
      previousFailures: number;
    }[]
  >`
    with runs as (
      select started_at > now() - ${thresholds.recentMinutes} * interval '1 minute' as recent, outcome
        from job_runs
       where started_at > now() - (${thresholds.recentMinutes} + 60) * interval '1 minute'
    )
    select
      (select count(*)::int from worker_heartbeats
        where last_seen_at > now() - ${deadAfterSeconds} * interval '1 second') as "workersAlive",
      -- is_available (not locked, attempts left) is what graphile-worker's own partial index covers.
      (select extract(epoch from now() - min(run_at))::float8 from graphile_worker._private_jobs
        where is_available and run_at <= now()) as "oldestReadySeconds",
      (select count(*)::int from runs where recent) as "recentRuns",
      (select count(*)::int from runs where recent and outcome = 'failure') as "recentFailures",
      (select count(*)::int from runs where not recent) as "previousRuns",
      (select count(*)::int from runs where not recent and outcome = 'failure') as "previousFailures"`;
  const workersAlive = row?.workersAlive ?? 0;
  const oldest = row?.oldestReadySeconds == null ? null : Math.floor(row.oldestReadySeconds);
  const rate = (failures = 0, runs = 0) => (runs === 0 ? 0 : failures / runs);
  const recent = rate(row?.recentFailures, row?.recentRuns);
  const previousHour = rate(row?.previousFailures, row?.previousRuns);

  const problems: HealthProblem[] = [];
  if (workersAlive === 0) {
    problems.push({
      code: "no_worker_alive",
      message: `No worker has sent a heartbeat in the last ${deadAfterSeconds} s; start one (pnpm --filter @nitip/worker start).`,
    });
  }
  if (oldest !== null && oldest > thresholds.maxReadyWaitSeconds) {
    problems.push({
      code: "oldest_ready_job_too_old",
      message: `The oldest ready job has waited ${oldest} s (limit ${thresholds.maxReadyWaitSeconds} s).`,
      waitingSeconds: oldest,
    });
  }
  const recentFailures = row?.recentFailures ?? 0;
  if (recentFailures >= thresholds.minRecentFailures && recent >= Math.max(2 * previousHour, 0.01)) {
    problems.push({
      code: "failure_rate_rising",
      message: `${percent(recent)} of runs failed in the last ${thresholds.recentMinutes} min, against ${percent(previousHour)} in the hour before.`,
      recentRate: recent,
      previousRate: previousHour,
    });
  }
  return {
    status: problems.length === 0 ? "ok" : "failing",
    problems,
    workersAlive,
    oldestReadySeconds: oldest,
    failureRate: { recent, previousHour, recentRuns: row?.recentRuns ?? 0, recentFailures },
  };
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

export interface WorkerStatus {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
  lastSeenAt: Date;
  /** Heartbeat within the last `deadAfterSeconds`. */
  alive: boolean;
}

/** Every worker that ever sent a heartbeat, oldest first, alive or dead by the one staleness rule. */
export function listWorkers(db: Db): Promise<WorkerStatus[]> {
  return db.$queryRaw<WorkerStatus[]>`
    select worker_id as "workerId", hostname, pid, started_at as "startedAt", last_seen_at as "lastSeenAt",
           last_seen_at > now() - ${deadAfterSeconds} * interval '1 second' as "alive"
      from worker_heartbeats order by started_at`;
}

export interface QueueInfo {
  /** graphile-worker's schema migration applied to the database (the workers and web must agree on it). */
  versions: { queueSchema: number | null };
  workers: WorkerStatus[];
  crontab: { task: string; schedule: string }[];
  queues: { name: string; lockedBy: string | null; lockedAt: Date | null }[];
}

export async function getQueueInfo(db: Db): Promise<QueueInfo> {
  const [workers, queues, schema] = await Promise.all([
    listWorkers(db),
    db.$queryRaw<QueueInfo["queues"]>`
      select queue_name as "name", locked_by as "lockedBy", locked_at as "lockedAt"
        from graphile_worker._private_job_queues order by queue_name`,
    db.$queryRaw<
      { version: number | null }[]
    >`select max(id)::int as "version" from graphile_worker.migrations`,
  ]);
  return {
    versions: { queueSchema: schema[0]?.version ?? null },
    workers,
    crontab: crontab.map((entry) => ({ task: entry.task, schedule: entry.schedule })),
    queues,
  };
}
