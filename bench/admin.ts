// The admin job dashboard and the monitoring endpoints at scale: 1,000,000 job_runs over 30 days (5% failed)
// and 100,000 jobs in graphile-worker's queue (20,000 failed for good under a few dozen error signatures,
// 50,000 scheduled, 29,000 ready, 1,000 locked; each failed job with the final run its history records),
// inserted set-based (untimed). Then every read the admin overview, failed-jobs and job-detail pages, the
// monitoring endpoints and /api/metrics issue, each timed `runs` times after one warm-up; the figure is the
// p95 in milliseconds, target <= 100 ms.
import {
  failedJobIdsOfGroup,
  getJobDetail,
  getQueueHealth,
  getQueueInfo,
  getQueueOverview,
  getQueueStats,
  listAdminActions,
  listFailedGroups,
  readJobRunTotals,
  readNotificationSendTotals,
} from "../packages/core/src/index.ts";
import { createDatabase } from "../packages/db/src/client.ts";
import { onCleanup } from "./cleanup.ts";
import { percentile, round, type Scenario } from "./lib.ts";

export const jobRunCount = Number(process.env.BENCH_ADMIN_JOB_RUNS ?? 1_000_000);
export const jobCount = Number(process.env.BENCH_ADMIN_JOBS ?? 100_000);
const runs = 15;
const tasks = ["notify:send", "order:expire-dp", "order:deadline", "sweep:overdue-orders", "trip:published"];

/** 100,000 jobs through graphile-worker's own add_jobs, in batches; then failures and locks on a share. */
async function fillQueue(pool: ReturnType<typeof createDatabase>["pool"]) {
  const batch = 10_000;
  for (let start = 0; start < jobCount; start += batch) {
    await pool.query(
      `select count(*) from graphile_worker.add_jobs(array(
         select row(($1::text[])[1 + n % 5], json_build_object('orderId', gen_random_uuid(), 'n', n),
                    null, case when n % 100 < 50 then now() + (n % 1440) * interval '1 minute'
                               else now() - (n % 600) * interval '1 second' end,
                    case when n % 100 >= 80 then 1 else 25 end, null, null, null)::graphile_worker.job_spec
           from generate_series($2::int, $3::int) n))`,
      [tasks, start, Math.min(start + batch, jobCount) - 1],
    );
  }
  // What a real failure leaves (the worker's fail_jobs: attempts used up, last_error) and what a worker holds.
  // Written directly: running 20,000 throwing tasks would bench graphile-worker, not these reads.
  await pool.query(
    `update graphile_worker._private_jobs j
        set attempts = j.max_attempts,
            last_error = case j.id % 4
              when 0 then 'order "' || gen_random_uuid() || '" not found'
              when 1 then 'provider answered 500 after ' || (j.id % 9000) || ' ms'
              when 2 then 'timed out after ' || (j.id % 30) || ' s waiting for ''' || md5(j.id::text) || ''''
              else 'stock for product ' || gen_random_uuid() || ' below ' || (j.id % 50) end
      where j.max_attempts = 1`,
  );
  // And the run that used up the last attempt, as the worker's job history records it (with its signature).
  await pool.query(
    `insert into job_runs (job_id, task_identifier, attempt, max_attempts, worker_id, started_at, duration_ms,
                           outcome, final, error_message, error_signature)
     select id, task_identifier, attempts, max_attempts, 'bench-worker', updated_at, 5, 'failure', true,
            last_error, job_error_signature(last_error)
       from graphile_worker.jobs where attempts >= max_attempts`,
  );
  await pool.query(
    `update graphile_worker._private_jobs set locked_at = now(), locked_by = 'bench-worker'
      where id in (select id from graphile_worker._private_jobs
                    where max_attempts = 25 and run_at <= now() order by id limit 1000)`,
  );
  await pool.query(
    `insert into worker_heartbeats (worker_id, hostname, pid) values ('bench-worker', 'bench', 1)
     on conflict do nothing`,
  );
}

/** 1,000,000 runs in statements of 100,000, as the worker's history writes them (the totals trigger fires). */
async function fillHistory(pool: ReturnType<typeof createDatabase>["pool"]) {
  const batch = 100_000;
  for (let start = 0; start < jobRunCount; start += batch) {
    await pool.query(
      `insert into job_runs (job_id, task_identifier, attempt, max_attempts, worker_id, started_at, duration_ms,
                             outcome, final, error_message, payload, order_id)
       select 1 + n % ($4::int * 2), ($1::text[])[1 + n % 5], 1, 25, 'bench-worker',
              now() - (n::float8 / $5) * interval '30 days', ((n::bigint * 7919) % 3000)::int,
              (case when n % 20 = 0 then 'failure' else 'success' end)::job_outcome, false,
              case when n % 20 = 0 then 'provider answered 500' end,
              json_build_object('n', n)::jsonb, case when n % 3 = 0 then gen_random_uuid() end
         from generate_series($2::int, $3::int) n`,
      [tasks, start, Math.min(start + batch, jobRunCount) - 1, jobCount, jobRunCount],
    );
  }
}

/**
 * The admin data set (the queue, then the history), analyzed; untimed in every scenario that uses it (this
 * one and `pages`' failed-jobs page).
 */
export async function seedJobScale(pool: ReturnType<typeof createDatabase>["pool"]): Promise<void> {
  // From empty tables, whatever ran before on this database (the pages scenario seeds the same scale): else a
  // full run measures the admin reads over twice the rows.
  await pool.query("truncate job_runs, graphile_worker._private_jobs, graphile_worker._private_job_queues");
  await fillQueue(pool);
  await fillHistory(pool);
  await pool.query("analyze job_runs; analyze graphile_worker._private_jobs; analyze job_run_totals");
}

export const adminScale: Scenario = {
  name: "admin",
  description: `admin and monitoring reads over ${jobRunCount.toLocaleString("en-US")} job_runs and ${jobCount.toLocaleString("en-US")} jobs (p95 of ${runs} runs each)`,
  async run(ctx) {
    const database = createDatabase(ctx.url, { max: 4 });
    onCleanup(() => database.close());
    const { pool, prisma } = database;
    const seedStarted = performance.now();
    await seedJobScale(pool);
    await pool.query("checkpoint");
    ctx.log(`seeded in ${round((performance.now() - seedStarted) / 1000, 1)} s (untimed)`);

    const [group] = await listFailedGroups(prisma);
    if (!group) throw new Error("the seed left no failed group");
    const { rows } = await pool.query<{ id: string }>(
      `select max(job_id)::text as id from job_runs where job_id in (select id from graphile_worker.jobs)`,
    );
    const detailJobId = BigInt(rows[0]?.id ?? group.sampleJobId);

    const reads: [key: string, note: string, read: () => Promise<unknown>][] = [
      ["admin_overview_query_ms", "getQueueOverview (overview page)", () => getQueueOverview(prisma)],
      ["admin_failed_page_query_ms", "listFailedGroups (failed page)", () => listFailedGroups(prisma)],
      [
        "admin_failed_group_ids_ms",
        "failedJobIdsOfGroup (group retry/discard)",
        () => failedJobIdsOfGroup(prisma, group),
      ],
      [
        "admin_job_detail_query_ms",
        "getJobDetail with its runs (job page)",
        () => getJobDetail(prisma, detailJobId),
      ],
      ["admin_audit_query_ms", "listAdminActions (audit page)", () => listAdminActions(prisma)],
      ["monitoring_stats_query_ms", "getQueueStats (/queue/stats)", () => getQueueStats(prisma)],
      ["monitoring_health_query_ms", "getQueueHealth (/queue/health)", () => getQueueHealth(prisma)],
      ["monitoring_info_query_ms", "getQueueInfo (/queue/info)", () => getQueueInfo(prisma)],
      [
        "metrics_scrape_queries_ms",
        "/api/metrics' reads: stats + job and notification totals",
        () =>
          Promise.all([getQueueStats(prisma), readJobRunTotals(prisma), readNotificationSendTotals(prisma)]),
      ],
    ];
    for (const [key, note, read] of reads) {
      if (ctx.aborted) return;
      await read();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await read();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      ctx.record({
        key,
        value: round(percentile(times, 95), 1),
        unit: "ms",
        target: { op: "<=", value: 100 },
        note: `${note}, p95 of ${runs}, median ${round(percentile(times, 50), 1)} ms`,
      });
    }
  },
};
