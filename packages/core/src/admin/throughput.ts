// Throughput and failures per task over a recent window, for the overview's charts: finished runs from
// `job_runs` counted in fixed buckets (12 × 5 min for the hour, 24 × 1 h for the day). One statement: the
// bucket grid from generate_series, the runs grouped by date_bin, read through job_runs_started_at_idx.
import type { Db } from "@nitip/db";
import { Prisma } from "@nitip/db";

export const throughputWindows = {
  hour: { bucketSeconds: 5 * 60, buckets: 12 },
  day: { bucketSeconds: 60 * 60, buckets: 24 },
} as const;
export type ThroughputWindow = keyof typeof throughputWindows;

export interface TaskThroughput {
  task: string;
  /** Per bucket, in the order of `bucketStarts`. */
  completed: number[];
  failed: number[];
  totalCompleted: number;
  totalFailed: number;
}

export interface Throughput {
  window: ThroughputWindow;
  bucketSeconds: number;
  /** Oldest first; the last bucket is the one `now` falls in (still filling). */
  bucketStarts: Date[];
  /** Only tasks that ran in the window, by name. */
  tasks: TaskThroughput[];
}

const origin = Prisma.sql`timestamptz '2000-01-01 00:00:00+00'`;

/**
 * Buckets are aligned to whole 5 minutes / whole hours (UTC), so they do not shift on every poll. `at` stands
 * for the database's now(); a test passes it to make the bucket edges known.
 */
export async function getThroughput(db: Db, window: ThroughputWindow, at?: Date): Promise<Throughput> {
  const { bucketSeconds, buckets } = throughputWindows[window];
  const step = Prisma.sql`(${bucketSeconds} * interval '1 second')`;
  const last = Prisma.sql`date_bin(${step}, coalesce(${at ?? null}::timestamptz, now()), ${origin})`;
  const rows = await db.$queryRaw<{ start: Date; task: string | null; completed: number; failed: number }[]>`
    with grid as (
      select generate_series(${last} - ${buckets - 1} * ${step}, ${last}, ${step}) as start
    ),
    counts as (
      select task_identifier as task, date_bin(${step}, started_at, ${origin}) as start,
             count(*) filter (where outcome = 'success')::int as completed,
             count(*) filter (where outcome = 'failure')::int as failed
        from job_runs
       where started_at >= ${last} - ${buckets - 1} * ${step} and started_at < ${last} + ${step}
       group by 1, 2
    )
    select grid.start, counts.task, counts.completed, counts.failed
      from grid left join counts using (start)
     order by grid.start, counts.task`;

  const bucketStarts: Date[] = [];
  const byTask = new Map<string, TaskThroughput>();
  for (const row of rows) {
    if (bucketStarts.at(-1)?.getTime() !== row.start.getTime()) bucketStarts.push(row.start);
    if (row.task === null) continue;
    let task = byTask.get(row.task);
    if (!task) {
      task = { task: row.task, completed: [], failed: [], totalCompleted: 0, totalFailed: 0 };
      byTask.set(row.task, task);
    }
    const index = bucketStarts.length - 1;
    task.completed[index] = row.completed;
    task.failed[index] = row.failed;
    task.totalCompleted += row.completed;
    task.totalFailed += row.failed;
  }
  // Zeros where a task had no run in a bucket (the sparse arrays above have holes there).
  const tasks = [...byTask.values()]
    .sort((a, b) => a.task.localeCompare(b.task))
    .map((task) => ({
      ...task,
      completed: bucketStarts.map((_, i) => task.completed[i] ?? 0),
      failed: bucketStarts.map((_, i) => task.failed[i] ?? 0),
    }));
  return { window, bucketSeconds, bucketStarts, tasks };
}
