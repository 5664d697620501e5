// Trivial-job throughput: bulk-add N no-op jobs with add_jobs, then time one in-process graphile-worker
// draining them, from `run()` until the job table is empty (graphile-worker deletes completed jobs).
// Batched (the tuned figure) and, for contrast, a smaller unbatched run.
import type pg from "pg";
import { newPool, round, type Scenario, type ScenarioContext, sleep } from "./lib.ts";
import {
  batched,
  bulkAddJobs,
  describeConfig,
  pendingJobs,
  resetQueue,
  startWorker,
  unbatched,
  type WorkerConfig,
} from "./worker.ts";

const batchedJobs = Number(process.env.BENCH_JOBS ?? 200_000);
const unbatchedJobs = Number(process.env.BENCH_JOBS_UNBATCHED ?? 20_000);
const drainTimeoutMs = 120_000;

async function drain(ctx: ScenarioContext, pool: pg.Pool, config: WorkerConfig, count: number) {
  await resetQueue(pool);
  const addSeconds = await bulkAddJobs(pool, "bench:noop", count);
  await pool.query("vacuum analyze graphile_worker._private_jobs");
  await pool.query("checkpoint");

  let ran = 0;
  let lastRunAt = 0;
  const started = performance.now();
  const runner = await startWorker(ctx.url, config, {
    "bench:noop": async () => {
      ran++;
      if (ran === count) lastRunAt = performance.now();
    },
  });
  const deadline = started + drainTimeoutMs;
  // Poll sparingly while the handler count climbs, then tightly for the final deletes.
  while (performance.now() < deadline && !ctx.aborted) {
    if (ran >= count && (await pendingJobs(pool)) === 0) break;
    await sleep(ran >= count ? 5 : 100);
  }
  const seconds = (performance.now() - started) / 1000;
  const left = await pendingJobs(pool);
  await runner.stop();
  const done = count - left;
  ctx.log(
    `${describeConfig(config)}: ${done.toLocaleString("en-US")}/${count.toLocaleString("en-US")} jobs in ` +
      `${round(seconds, 2)} s (last handler at ${round((lastRunAt - started) / 1000, 2)} s); ` +
      `add_jobs ${round(count / addSeconds)} jobs/s`,
  );
  return {
    perSecond: Math.round(done / seconds),
    complete: left === 0,
    addPerSecond: Math.round(count / addSeconds),
  };
}

export const jobsTrivial: Scenario = {
  name: "jobs",
  description: `graphile-worker no-op throughput: ${batchedJobs.toLocaleString("en-US")} jobs batched, ${unbatchedJobs.toLocaleString("en-US")} unbatched`,
  async run(ctx) {
    const pool = newPool(ctx.url);
    const fast = await drain(ctx, pool, batched, batchedJobs);
    ctx.record({
      key: "jobs_trivial_per_s",
      value: fast.perSecond,
      unit: "jobs/s",
      target: { op: ">=", value: 20_000 },
      note: `${batchedJobs.toLocaleString("en-US")} jobs, ${describeConfig(batched)}, 1 process${fast.complete ? "" : ", DID NOT DRAIN in time"}`,
    });
    ctx.record({
      key: "jobs_bulk_add_per_s",
      value: fast.addPerSecond,
      unit: "jobs/s",
      note: "add_jobs, 10,000 per call",
    });
    if (ctx.aborted) return;
    const slow = await drain(ctx, pool, unbatched, unbatchedJobs);
    ctx.record({
      key: "jobs_trivial_unbatched_per_s",
      value: slow.perSecond,
      unit: "jobs/s",
      note: `${unbatchedJobs.toLocaleString("en-US")} jobs, ${describeConfig(unbatched)} (contrast)`,
    });
    await resetQueue(pool);
  },
};
