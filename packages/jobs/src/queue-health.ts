// What the job queue looks like from outside, for operators and the admin dashboard. A job added under a
// task name no worker knows (not in the catalog: a typo in raw SQL, a task removed while jobs still waited)
// is never picked up and never fails; it waits forever. These counts make it visible.
import type { Tx } from "@nitip/db";
import { jobNames } from "./catalog.ts";

type RawQueryable = Pick<Tx, "$queryRawUnsafe">;

export interface TaskCounts {
  /** Not locked and attempts left: waiting for its run_at or a free worker. */
  waiting: number;
  running: number;
  /** Used every attempt; kept by graphile-worker until someone deletes or retries it. */
  failed: number;
  /** false when no worker has a handler for this task. */
  known: boolean;
}

/** Jobs whose task is not in the catalog, so no worker will ever run them. */
export async function countJobsWithoutWorker(db: RawQueryable): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ count: number }[]>(
    "select count(*)::int as count from graphile_worker.jobs where task_identifier <> all($1::text[])",
    jobNames,
  );
  return rows[0]?.count ?? 0;
}

/** Per task name: jobs waiting, running and failed, from graphile-worker's public `jobs` view. */
export async function countJobsByTask(db: RawQueryable): Promise<Record<string, TaskCounts>> {
  const rows = await db.$queryRawUnsafe<
    { task: string; waiting: number; running: number; failed: number; known: boolean }[]
  >(
    `select task_identifier as task,
            count(*) filter (where locked_at is null and attempts < max_attempts)::int as waiting,
            count(*) filter (where locked_at is not null)::int as running,
            count(*) filter (where attempts >= max_attempts)::int as failed,
            task_identifier = any($1::text[]) as known
       from graphile_worker.jobs
      group by task_identifier
      order by task_identifier`,
    jobNames,
  );
  return Object.fromEntries(rows.map(({ task, ...counts }) => [task, counts]));
}
