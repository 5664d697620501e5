// Enqueue-to-start latency: an idle worker, then sequential samples. Each sample waits a random 10–30 ms,
// takes t0, calls graphile_worker.add_job (its own transaction, commit and NOTIFY included), and the task
// notes t1 = its start, in the same process. Latency = t1 − t0.
import { newPool, round, type Scenario, type ScenarioContext, sleep, summarize } from "./lib.ts";
import { batched, describeConfig, resetQueue, startWorker, unbatched, type WorkerConfig } from "./worker.ts";

const samples = Number(process.env.BENCH_LATENCY_SAMPLES ?? 500);
const warmup = 10;
const sampleTimeoutMs = 5_000;

async function measure(ctx: ScenarioContext, config: WorkerConfig, count: number) {
  const pool = newPool(ctx.url, 2);
  await resetQueue(pool);
  const waiting = new Map<number, (startedAt: number) => void>();
  const runner = await startWorker(ctx.url, config, {
    "bench:latency": async (payload) => {
      const startedAt = performance.now();
      const { i } = payload as { i: number };
      waiting.get(i)?.(startedAt);
    },
  });
  await sleep(1_000); // let it settle into LISTEN
  const latencies: number[] = [];
  let lost = 0;
  for (let i = 0; i < warmup + count && !ctx.aborted; i++) {
    await sleep(10 + Math.random() * 20);
    const started = new Promise<number | null>((resolve) => {
      waiting.set(i, resolve);
      setTimeout(() => resolve(null), sampleTimeoutMs).unref();
    });
    const t0 = performance.now();
    await pool.query("select graphile_worker.add_job('bench:latency', json_build_object('i', $1::int))", [i]);
    const t1 = await started;
    waiting.delete(i);
    if (t1 === null) lost++;
    else if (i >= warmup) latencies.push(t1 - t0);
  }
  await runner.stop();
  const stats = summarize(latencies);
  ctx.log(
    `${describeConfig(config)}: ${stats.count} samples, p50 ${round(stats.p50, 2)} ms, p95 ${round(stats.p95, 2)}, ` +
      `p99 ${round(stats.p99, 2)}, max ${round(stats.max, 2)}${lost ? `, ${lost} not started within 5 s` : ""}`,
  );
  return { ...stats, lost };
}

export const jobLatency: Scenario = {
  name: "latency",
  description: `add_job → task start, ${samples} sequential samples (batched worker), 200 unbatched`,
  async run(ctx) {
    const fast = await measure(ctx, batched, samples);
    ctx.record({
      key: "job_start_latency_p50_ms",
      value: round(fast.p50, 2),
      unit: "ms",
      target: { op: "<=", value: 5 },
      note: `${fast.count} samples, ${describeConfig(batched)}; p95 ${round(fast.p95, 1)}, p99 ${round(fast.p99, 1)}, max ${round(fast.max, 1)} ms${fast.lost ? `; ${fast.lost} lost` : ""}`,
    });
    if (ctx.aborted) return;
    const plain = await measure(ctx, unbatched, 200);
    ctx.record({
      key: "job_start_latency_unbatched_p50_ms",
      value: round(plain.p50, 2),
      unit: "ms",
      note: `200 samples, ${describeConfig(unbatched)}; p99 ${round(plain.p99, 1)} ms (contrast)`,
    });
  },
};
