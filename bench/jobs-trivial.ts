// Trivial-job throughput: bulk-add N no-op jobs with add_jobs, then time one in-process runner draining them,
// from its start until the job table is empty (graphile-worker deletes completed jobs). In one run, with the
// same jobs and the same graphile-worker options: bare graphile-worker (the tuned ceiling), then Nitip's worker
// (`startWorker`: job history, heartbeat, classification, info-level log), then two halves of the difference
// (the worker with its log at warn; bare graphile-worker plus only the job history), then the worker at its
// production defaults, and bare graphile-worker with batching off, for contrast.
import type { TaskList } from "graphile-worker";
import type pg from "pg";
import { createJobHistory } from "../apps/worker/src/job-history.ts";
import { createLogger } from "../apps/worker/src/logger.ts";
import { createDatabase } from "../packages/db/src/index.ts";
import { onCleanup } from "./cleanup.ts";
import { newPool, postgresCpu, round, type Scenario, type ScenarioContext, sleep } from "./lib.ts";
import { countingSink, startNitipWorker } from "./nitip-worker.ts";
import {
  batched,
  bulkAddJobs,
  describeConfig,
  pendingJobs,
  resetQueue,
  startWorker,
  unbatched,
} from "./worker.ts";

const batchedJobs = Number(process.env.BENCH_JOBS ?? 200_000);
const defaultsJobs = Number(process.env.BENCH_JOBS_DEFAULTS ?? 20_000);
const unbatchedJobs = Number(process.env.BENCH_JOBS_UNBATCHED ?? 20_000);
const drainTimeoutMs = 180_000;
// `BENCH_JOBS_ONLY=bare,history` runs only those drains (bare, nitip, warn, history, defaults, unbatched): on a
// shared machine, alternating short runs of two versions compares them better than one long run of each.
const only = process.env.BENCH_JOBS_ONLY?.split(",").map((name) => name.trim());
const wanted = (drain: string) => !only || only.includes(drain);

type Start = (tasks: TaskList) => Promise<{ stop: () => Promise<void> }>;

async function drain(ctx: ScenarioContext, pool: pg.Pool, label: string, count: number, start: Start) {
  await resetQueue(pool);
  await pool.query("truncate job_runs");
  const addSeconds = await bulkAddJobs(pool, "bench:noop", count);
  await pool.query("vacuum analyze graphile_worker._private_jobs");
  await pool.query("checkpoint");

  let ran = 0;
  let lastRunAt = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const runner = await start({
    "bench:noop": async () => {
      ran++;
      if (ran === count) lastRunAt = performance.now();
    },
  });
  // After the start, so the runner's connections are open and counted.
  const postgres = await postgresCpu(pool);
  const deadline = started + drainTimeoutMs;
  // Poll sparingly while the handler count climbs, then tightly for the final deletes.
  while (performance.now() < deadline && !ctx.aborted) {
    if (ran >= count && (await pendingJobs(pool)) === 0) break;
    await sleep(ran >= count ? 5 : 100);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const postgresMs = await postgres.stop();
  const left = await pendingJobs(pool);
  await runner.stop();
  const { rows } = await pool.query<{ n: number }>("select count(*)::int as n from job_runs");
  const done = count - left;
  // CPU of this process (the runner, its history and logging are in-process) per job: steadier than a rate
  // on a busy machine. PostgreSQL's share (e.g. the job_runs inserts) is not in it.
  const cpuPerJobUs = round((cpu.user + cpu.system) / Math.max(1, done), 1);
  const postgresPerJobUs = round((postgresMs * 1000) / Math.max(1, done), 1);
  ctx.log(
    `${label}: ${done.toLocaleString("en-US")}/${count.toLocaleString("en-US")} jobs in ${round(seconds, 2)} s ` +
      `(${Math.round(done / seconds)}/s; last handler at ${round((lastRunAt - started) / 1000, 2)} s); ` +
      `CPU per job: ${cpuPerJobUs} µs in-process, ${postgresPerJobUs} µs in PostgreSQL; ${rows[0]?.n ?? 0} job_runs rows; add_jobs ${round(count / addSeconds)} jobs/s`,
  );
  return {
    perSecond: Math.round(done / seconds),
    complete: left === 0,
    cpuPerJobUs,
    postgresPerJobUs,
    addPerSecond: Math.round(count / addSeconds),
  };
}

const drained = (drain: { complete: boolean; cpuPerJobUs: number; postgresPerJobUs: number }) =>
  `; CPU per job ${drain.cpuPerJobUs} µs in the bench process, ${drain.postgresPerJobUs} µs in PostgreSQL${drain.complete ? "" : "; DID NOT DRAIN in time"}`;

/** Bare graphile-worker with `batched` options plus only the worker's job history on its events. */
const bareWithHistory =
  (url: string): Start =>
  async (tasks) => {
    const db = createDatabase(url, { max: 2 });
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= db.close();
      return closing;
    };
    onCleanup(close);
    const history = createJobHistory({
      pool: db.pool,
      log: createLogger("info", countingSink().stream),
      flushMs: 1_000,
    });
    const runner = await startWorker(url, batched, tasks, (events) => history.attach(events));
    return {
      stop: async () => {
        await runner.stop();
        await history.stop();
        await close();
      },
    };
  };

export const jobsTrivial: Scenario = {
  name: "jobs",
  description: `no-op job throughput, bare graphile-worker vs Nitip's worker: ${batchedJobs.toLocaleString("en-US")} jobs each, ${defaultsJobs.toLocaleString("en-US")} at the worker's defaults, ${unbatchedJobs.toLocaleString("en-US")} unbatched`,
  async run(ctx) {
    const pool = newPool(ctx.url);
    // One untimed start and stop of each runner on an empty queue: module set-up, Prisma's first queries and
    // JIT warm-up are paid once per process, not per drain, and the first drain should not carry them.
    await resetQueue(pool);
    const noop: TaskList = { "bench:noop": async () => {} };
    await (await startWorker(ctx.url, batched, noop)).stop();
    await (await startNitipWorker(ctx.url, noop, { config: batched })).stop();
    const bare = wanted("bare")
      ? await drain(ctx, pool, `bare, ${describeConfig(batched)}`, batchedJobs, (tasks) =>
          startWorker(ctx.url, batched, tasks),
        )
      : undefined;
    if (bare) {
      ctx.record({
        key: "jobs_trivial_per_s",
        value: bare.perSecond,
        unit: "jobs/s",
        target: { op: ">=", value: 20_000 },
        note: `bare graphile-worker, ${batchedJobs.toLocaleString("en-US")} jobs, ${describeConfig(batched)}, 1 process${drained(bare)}`,
      });
      ctx.record({
        key: "jobs_bulk_add_per_s",
        value: bare.addPerSecond,
        unit: "jobs/s",
        note: "add_jobs, 10,000 per call",
      });
    }
    if (ctx.aborted) return;

    if (wanted("nitip")) {
      const nitip = await drain(ctx, pool, "Nitip worker, same options", batchedJobs, (tasks) =>
        startNitipWorker(ctx.url, tasks, { config: batched }),
      );
      ctx.record({
        key: "jobs_nitip_worker_per_s",
        value: nitip.perSecond,
        unit: "jobs/s",
        note: `startWorker (history, heartbeat, classification, info log into a sink), same jobs and options${drained(nitip)}`,
      });
      if (bare) {
        ctx.record({
          key: "jobs_nitip_worker_ratio",
          value: round(nitip.perSecond / bare.perSecond, 2),
          target: { op: ">=", value: 0.9 },
          note: "jobs_nitip_worker_per_s ÷ same-run jobs_trivial_per_s",
        });
      }
    }
    if (ctx.aborted) return;

    // Where the difference goes: the per-job log line, and the job history writes.
    if (wanted("warn")) {
      const quiet = await drain(ctx, pool, "Nitip worker, LOG_LEVEL=warn", batchedJobs, (tasks) =>
        startNitipWorker(ctx.url, tasks, { config: batched, logLevel: "warn" }),
      );
      ctx.record({
        key: "jobs_nitip_worker_warn_log_per_s",
        value: quiet.perSecond,
        unit: "jobs/s",
        note: `the same with LOG_LEVEL=warn: what the worker's info-level logging still costs${drained(quiet)}`,
      });
    }
    if (ctx.aborted) return;
    if (wanted("history")) {
      const history = await drain(ctx, pool, "bare + job history", batchedJobs, bareWithHistory(ctx.url));
      ctx.record({
        key: "jobs_bare_with_history_per_s",
        value: history.perSecond,
        unit: "jobs/s",
        note: `bare graphile-worker + only the worker's job history (job_runs rows)${drained(history)}`,
      });
    }
    if (ctx.aborted) return;

    if (wanted("defaults")) {
      const defaults = await drain(ctx, pool, "Nitip worker, env defaults", defaultsJobs, (tasks) =>
        startNitipWorker(ctx.url, tasks),
      );
      ctx.record({
        key: "jobs_nitip_worker_defaults_per_s",
        value: defaults.perSecond,
        unit: "jobs/s",
        note: `startWorker at its env defaults (concurrency 4, localQueue 5, batch delays 20 ms), ${defaultsJobs.toLocaleString("en-US")} jobs${drained(defaults)}`,
      });
    }
    if (ctx.aborted) return;

    if (wanted("unbatched")) {
      const slow = await drain(ctx, pool, `bare, ${describeConfig(unbatched)}`, unbatchedJobs, (tasks) =>
        startWorker(ctx.url, unbatched, tasks),
      );
      ctx.record({
        key: "jobs_trivial_unbatched_per_s",
        value: slow.perSecond,
        unit: "jobs/s",
        note: `${unbatchedJobs.toLocaleString("en-US")} jobs, ${describeConfig(unbatched)} (contrast)`,
      });
    }
    await resetQueue(pool);
  },
};
