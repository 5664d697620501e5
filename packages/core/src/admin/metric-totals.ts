// The worker's figures for the metrics endpoint, read from the database: the worker runs jobs and sends
// notifications in its own process, the metrics endpoint lives in web. Triggers keep cumulative totals as the
// worker records each run (job_runs) and each send attempt (notification_outbox), so every web process reads
// the same small tables at scrape time and gets the same counters, which never go down when job_runs is
// pruned (migration 20261202073500_monitoring_totals).
import type { Db } from "@nitip/db";

/** job_run_totals' stand-in for +Inf: a duration in whole milliseconds never exceeds it. */
export const infiniteBucketMs = 2_147_483_647;

export interface JobRunTotals {
  /** The histogram's bucket bounds in milliseconds, ascending, without +Inf (from the database). */
  bucketsMs: number[];
  series: {
    task: string;
    outcome: "success" | "failure";
    /** Runs per bucket, not cumulative, keyed by the bucket's upper bound (infiniteBucketMs for +Inf). */
    runsByBucket: Map<number, number>;
    totalMs: number;
  }[];
}

export async function readJobRunTotals(db: Db): Promise<JobRunTotals> {
  const [buckets, rows] = await Promise.all([
    db.$queryRaw<{ bounds: number[] }[]>`select job_duration_buckets_ms() as "bounds"`,
    db.$queryRaw<
      { task: string; outcome: "success" | "failure"; leMs: number; runs: bigint; totalMs: bigint }[]
    >`
      select task_identifier as "task", outcome::text as "outcome", le_ms as "leMs", runs, total_ms as "totalMs"
        from job_run_totals order by 1, 2, 3`,
  ]);
  const series = new Map<string, JobRunTotals["series"][number]>();
  for (const row of rows) {
    const key = `${row.task}\u0000${row.outcome}`;
    const entry = series.get(key) ?? {
      task: row.task,
      outcome: row.outcome,
      runsByBucket: new Map(),
      totalMs: 0,
    };
    entry.runsByBucket.set(row.leMs, Number(row.runs));
    entry.totalMs += Number(row.totalMs);
    series.set(key, entry);
  }
  return { bucketsMs: buckets[0]?.bounds ?? [], series: [...series.values()] };
}

export interface NotificationSendTotal {
  channel: string;
  provider: string;
  outcome: "sent" | "failed";
  sends: number;
}

export async function readNotificationSendTotals(db: Db): Promise<NotificationSendTotal[]> {
  // The counters are sharded per sending connection (see the monitoring_totals migration): summed here.
  const rows = await db.notificationSendTotal.groupBy({
    by: ["channel", "provider", "outcome"],
    _sum: { sends: true },
    orderBy: [{ channel: "asc" }, { provider: "asc" }, { outcome: "asc" }],
  });
  return rows.map((row) => ({
    channel: row.channel,
    provider: row.provider,
    outcome: row.outcome === "sent" ? "sent" : "failed",
    sends: Number(row._sum.sends ?? 0),
  }));
}
