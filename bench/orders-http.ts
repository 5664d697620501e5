// Order placement through the real HTTP endpoint: the built Next app (`next start`) serving tRPC
// `order.place`, 32 concurrent autocannon connections for a bounded time, a fresh idempotency key per request,
// an unlimited-stock product so nothing sells out. A short warm-up run first is not counted.

import autocannon from "autocannon";
import type pg from "pg";
import { createBenchTrip } from "./fixtures.ts";
import { newPool, type Scenario, type ScenarioContext } from "./lib.ts";
import { parsePlaceOrderAnswer, placeOrderBody, placeOrderPath } from "./order-request.ts";
import { orderClients } from "./orders-sql.ts";
import { startWeb } from "./web.ts";

const durationSeconds = Number(process.env.BENCH_ORDERS_SECONDS ?? 15);
const warmupSeconds = 5;

async function load(
  ctx: ScenarioContext,
  baseUrl: string,
  trip: { slug: string },
  productId: string,
  seconds: number,
) {
  let n = 0;
  const failures = new Map<string, number>();
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
        setupRequest: (request) => ({ ...request, body: placeOrderBody(trip, productId, n++) }),
        onResponse: (status, body) => {
          if (status === 200) return;
          const outcome = parsePlaceOrderAnswer(status, body);
          const key = `${outcome.code}: ${outcome.message ?? ""}`.slice(0, 160);
          failures.set(key, (failures.get(key) ?? 0) + 1);
        },
      },
    ],
  });
  if (ctx.aborted) return null;
  for (const [message, count] of failures) ctx.log(`${count} × ${message}`);
  return result;
}

export const ordersHttp: Scenario = {
  name: "orders-http",
  description: `order.place over HTTP (next start), ${orderClients} connections, ${durationSeconds} s`,
  async run(ctx) {
    const pool = newPool(ctx.url, 2);
    const trip = await createBenchTrip(pool, "http", [
      { name: "Kit Kat Matcha", price: 95_000, stock: null },
    ]);
    const productId = trip.productIds[0] as string;
    const web = await startWeb(ctx.url, ctx.log);

    const probe = await fetch(`${web.baseUrl}${placeOrderPath}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: placeOrderBody(trip, productId, 0),
    });
    const answer = parsePlaceOrderAnswer(probe.status, await probe.text());
    if (!answer.ok)
      throw new Error(`order.place is not answering orders: ${answer.code} ${answer.message ?? ""}`);

    ctx.log(`warm-up ${warmupSeconds} s (not counted)`);
    await load(ctx, web.baseUrl, trip, productId, warmupSeconds);
    await pool.query("checkpoint");
    const before = await ordersOf(pool, trip.tripId);
    const result = await load(ctx, web.baseUrl, trip, productId, durationSeconds);
    if (!result) return;
    const stored = (await ordersOf(pool, trip.tripId)) - before;
    const ok = result.requests.total - result.non2xx - result.errors - result.timeouts;
    const perSecond = Math.round(ok / durationSeconds);
    ctx.log(
      `${ok} orders answered 200 in ${durationSeconds} s (${stored} stored), ${result.non2xx} non-2xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts; latency p50 ${result.latency.p50} ms, ` +
        `p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    );
    const failed = result.non2xx + result.errors + result.timeouts;
    ctx.record({
      key: "orders_http_per_s",
      value: perSecond,
      unit: "orders/s",
      note: `next start + tRPC order.place, ${orderClients} connections, ${durationSeconds} s; ${stored} orders stored${failed ? `; ${failed} FAILED requests` : ""}`,
    });
    ctx.record({ key: "orders_http_p50_ms", value: result.latency.p50, unit: "ms" });
    ctx.record({
      key: "orders_http_p99_ms",
      value: result.latency.p99,
      unit: "ms",
      target: { op: "<=", value: 50 },
      note: `max ${result.latency.max} ms`,
    });
  },
};

async function ordersOf(pool: pg.Pool, tripId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    "select count(*)::int as n from orders where trip_id = $1",
    [tripId],
  );
  return rows[0]?.n ?? 0;
}
