// Order placement through the real HTTP endpoint: the built Next app (`next start`) serving tRPC
// `order.place`, a fresh idempotency key and a distinct guest per request, an unlimited-stock product so
// nothing sells out. In one run:
// 1. closed loop (32 autocannon connections, after a warm-up): throughput, and the web process tree's CPU
//    time per placed order over the counted window;
// 2. open loop at half that throughput (bench/open-loop.ts): the latency a user gets below saturation,
//    measured from each request's due time.
// Placement has one path, through Prisma: when both used prepared statements, a same-run comparison put a
// raw pg path within 2% of it (orders_http_prisma_ratio 0.98), so the raw path was removed with its switch.
import autocannon from "autocannon";
import type pg from "pg";
import { createBenchTrip } from "./fixtures.ts";
import { newPool, round, type Scenario, type ScenarioContext, sleep, summarize } from "./lib.ts";
import { openLoop } from "./open-loop.ts";
import { parsePlaceOrderAnswer, placeOrderBody, placeOrderPath } from "./order-request.ts";
import { orderClients } from "./orders-sql.ts";
import { startWeb, type WebServer } from "./web.ts";

const durationSeconds = Number(process.env.BENCH_ORDERS_SECONDS ?? 15);
const openSeconds = Number(process.env.BENCH_ORDERS_OPEN_SECONDS ?? durationSeconds);
const warmupSeconds = 5;
const openMaxInFlight = 256;

type Failures = Map<string, number>;

function countFailure(failures: Failures, status: number, body: string) {
  if (status === 200) return;
  const outcome = parsePlaceOrderAnswer(status, body);
  const key = `${outcome.code}: ${outcome.message ?? ""}`.slice(0, 160);
  failures.set(key, (failures.get(key) ?? 0) + 1);
}

function logFailures(ctx: ScenarioContext, failures: Failures) {
  for (const [message, count] of failures) ctx.log(`${count} × ${message}`);
}

async function load(
  ctx: ScenarioContext,
  baseUrl: string,
  trip: { slug: string },
  productId: string,
  seconds: number,
) {
  const failures: Failures = new Map();
  const result = await autocannon({
    url: baseUrl,
    connections: orderClients,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: placeOrderPath,
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: placeOrderBody(trip, productId) }),
        onResponse: (status, body) => countFailure(failures, status, body),
      },
    ],
  });
  if (ctx.aborted) return null;
  logFailures(ctx, failures);
  return result;
}

interface Trip {
  tripId: string;
  slug: string;
}

/** Warm-up, then the counted closed-loop window with the process tree's CPU time around it. */
async function closedLoop(
  ctx: ScenarioContext,
  pool: pg.Pool,
  web: WebServer,
  trip: Trip,
  productId: string,
) {
  const probe = await fetch(`${web.baseUrl}${placeOrderPath}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: placeOrderBody(trip, productId),
  });
  const answer = parsePlaceOrderAnswer(probe.status, await probe.text());
  if (!answer.ok)
    throw new Error(`order.place is not answering orders: ${answer.code} ${answer.message ?? ""}`);

  ctx.log(`warm-up ${warmupSeconds} s (not counted)`);
  await load(ctx, web.baseUrl, trip, productId, warmupSeconds);
  await pool.query("checkpoint");
  const before = await ordersOf(pool, trip.tripId);
  const cpuBefore = web.cpuMs();
  const result = await load(ctx, web.baseUrl, trip, productId, durationSeconds);
  const cpuMs = web.cpuMs() - cpuBefore;
  if (!result) return null;
  const stored = (await ordersOf(pool, trip.tripId)) - before;
  const ok = result.requests.total - result.non2xx - result.errors - result.timeouts;
  const failed = result.non2xx + result.errors + result.timeouts;
  ctx.log(
    `${ok} orders answered 200 in ${durationSeconds} s (${stored} stored), ${result.non2xx} non-2xx, ` +
      `${result.errors} errors, ${result.timeouts} timeouts; latency p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, max ${result.latency.max} ms; web CPU ${Math.round(cpuMs)} ms`,
  );
  return {
    perSecond: Math.round(ok / durationSeconds),
    stored,
    failed,
    latency: result.latency,
    cpuPerOrderMs: stored > 0 ? round(cpuMs / stored, 2) : Number.NaN,
  };
}

export const ordersHttp: Scenario = {
  name: "orders-http",
  description: `order.place over HTTP (next start): ${orderClients} connections ${durationSeconds} s, open loop at half that rate ${openSeconds} s`,
  async run(ctx) {
    const pool = newPool(ctx.url, 2);
    const trip = await createBenchTrip(pool, "http", [
      { name: "Kit Kat Matcha", price: 95_000, stock: null },
    ]);
    const productId = trip.productIds[0] as string;

    // 1. Closed loop, the web app as configured.
    const web = await startWeb(ctx.url, ctx.log);
    const closed = await closedLoop(ctx, pool, web, trip, productId);
    if (!closed) return;
    ctx.record({
      key: "orders_http_per_s",
      value: closed.perSecond,
      unit: "orders/s",
      note: `next start + tRPC order.place (through Prisma, gated), ${orderClients} connections, ${durationSeconds} s; ${closed.stored} orders stored${closed.failed ? `; ${closed.failed} FAILED requests` : ""}`,
    });
    ctx.record({
      key: "orders_http_p50_ms",
      value: closed.latency.p50,
      unit: "ms",
      note: "closed loop, at saturation",
    });
    ctx.record({
      key: "orders_http_p99_ms",
      value: closed.latency.p99,
      unit: "ms",
      note: `closed loop, at saturation (queue length ÷ throughput); max ${closed.latency.max} ms`,
    });
    ctx.record({
      key: "orders_http_cpu_ms",
      value: closed.cpuPerOrderMs,
      unit: "ms/order",
      note: "CPU (user+system) of the next start process tree ÷ orders stored, closed-loop window",
    });
    if (ctx.aborted) return;

    // 2. Open loop at half the closed-loop throughput, on the same warm server.
    const rate = Math.max(1, closed.perSecond / 2);
    await sleep(1_000);
    const failures: Failures = new Map();
    const cpuBefore = web.cpuMs();
    const open = await openLoop({
      baseUrl: web.baseUrl,
      path: placeOrderPath,
      body: () => placeOrderBody(trip, productId),
      ratePerSecond: rate,
      seconds: openSeconds,
      maxInFlight: openMaxInFlight,
      timeoutMs: 10_000,
      onAnswer: (status, text) => countFailure(failures, status, text),
      shouldStop: () => ctx.aborted,
    });
    const openCpuMs = web.cpuMs() - cpuBefore;
    if (ctx.aborted) return;
    logFailures(ctx, failures);
    const floor = await healthCpu(web);
    ctx.log(`GET /api/health: ${floor.requests} requests, ${floor.cpuPerRequestMs} CPU ms each`);
    ctx.record({
      key: "web_health_cpu_ms",
      value: floor.cpuPerRequestMs,
      unit: "ms/request",
      note: "the same measure for GET /api/health (one DB round trip, no tRPC): the per-request floor of the web process",
    });
    await web.stop();
    const stats = summarize(open.okLatencies);
    const openNote =
      `${round(rate, 1)} orders/s offered for ${openSeconds} s (${open.scheduled} due, ${stats.count} answered 200` +
      `${open.failed ? `, ${open.failed} FAILED` : ""}); ${open.lateStarts} started > ${open.lateAfterMs} ms late ` +
      `(max ${round(open.maxLateMs, 1)} ms), latency from the due time`;
    ctx.log(
      `open loop: ${openNote}; p50 ${round(stats.p50, 1)} ms, p99 ${round(stats.p99, 1)} ms, max ${round(stats.max, 1)} ms; ` +
        `web CPU ${round(openCpuMs / Math.max(1, stats.count), 2)} ms/order`,
    );
    ctx.record({ key: "orders_http_open_p50_ms", value: round(stats.p50, 1), unit: "ms", note: openNote });
    ctx.record({
      key: "orders_http_open_p99_ms",
      value: round(stats.p99, 1),
      unit: "ms",
      target: { op: "<=", value: 50 },
      note: `max ${round(stats.max, 1)} ms; at half the same run's orders_http_per_s`,
    });
  },
};

/** CPU ms of the web process tree per GET /api/health, 16 connections, 5 s after a 2 s warm-up. */
async function healthCpu(web: WebServer) {
  const options = { url: `${web.baseUrl}/api/health`, connections: 16, timeout: 10 };
  await autocannon({ ...options, duration: 2 });
  const before = web.cpuMs();
  const result = await autocannon({ ...options, duration: 5 });
  const ok = result.requests.total - result.non2xx - result.errors - result.timeouts;
  return { requests: ok, cpuPerRequestMs: ok > 0 ? round((web.cpuMs() - before) / ok, 2) : Number.NaN };
}

async function ordersOf(pool: pg.Pool, tripId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "select count(*)::int as n from orders where trip_id = $1",
    [tripId],
  );
  return rows[0]?.n ?? 0;
}
