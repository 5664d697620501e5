// The overdue sweep at scale: 100,000 pending_dp orders past their payment deadline, with items against
// limited-stock products, inserted set-based (untimed). Then the real sweep path, timed: the worker's
// runOverdueSweep (what sweep:overdue-orders runs) with its default options (the order engine's batch size,
// its batches in flight), unless BENCH_SWEEP_PARALLEL / BENCH_SWEEP_BATCH override them for a measurement.
// Verified afterwards: every order expired with its event, and each product's stock is back to exactly what
// it was plus what those orders had reserved.

import type pg from "pg";
import {
  defaultSweepOptions,
  runOverdueSweep,
  type SweepOptions,
} from "../apps/worker/src/tasks/sweep-overdue-orders.ts";
import { defaultSweepBatch } from "../packages/core/src/orders/deadlines.ts";
import { createDatabase } from "../packages/db/src/client.ts";
import { onCleanup } from "./cleanup.ts";
import { createBenchTrip, insertOrders } from "./fixtures.ts";
import { round, type Scenario } from "./lib.ts";

const orderCount = Number(process.env.BENCH_SWEEP_ORDERS ?? 100_000);
const productCount = 40;
const stockLeft = 1_000;
const budgetMs = 120_000;
const sweepOptions: SweepOptions = {
  ...defaultSweepOptions,
  ...(process.env.BENCH_SWEEP_PARALLEL ? { parallel: Number(process.env.BENCH_SWEEP_PARALLEL) } : {}),
  ...(process.env.BENCH_SWEEP_BATCH ? { batchSize: Number(process.env.BENCH_SWEEP_BATCH) } : {}),
  budgetMs,
};
const batchSize = sweepOptions.batchSize ?? defaultSweepBatch;

/** The server's WAL position (the whole cluster's, so nothing else may write while it is measured). */
async function currentWal(pool: pg.Pool): Promise<string> {
  return (
    (await pool.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn")).rows[0]?.lsn ?? "0/0"
  );
}

async function walWrittenSince(pool: pg.Pool, lsn: string): Promise<number> {
  const { rows } = await pool.query<{ bytes: string }>(
    "select pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text as bytes",
    [lsn],
  );
  return round(Number(rows[0]?.bytes ?? 0) / 1e6, 1);
}

export const sweepOrders: Scenario = {
  name: "sweep",
  description: `expire ${orderCount.toLocaleString("en-US")} overdue orders with stock release (the worker's runOverdueSweep: batches of ${batchSize}, ${sweepOptions.parallel} in flight)`,
  async run(ctx) {
    const database = createDatabase(ctx.url, { max: sweepOptions.parallel + 4 });
    onCleanup(() => database.close());
    const { pool } = database;
    const trip = await createBenchTrip(
      pool,
      "sweep",
      Array.from({ length: productCount }, (_, i) => ({
        name: `Limited ${i + 1}`,
        price: 50_000 + i * 1_000,
        stock: stockLeft,
      })),
    );
    const seedStarted = performance.now();
    await insertOrders(pool, trip, orderCount, { dueAgoMs: 60_000, label: "SWEEP" });
    const { rows: expected } = await pool.query<{ product_id: string; stock: number; reserved: number }>(
      `select p.id::text as product_id, p.stock_available + coalesce(sum(oi.quantity), 0)::int as stock,
              coalesce(sum(oi.quantity), 0)::int as reserved
         from products p left join order_items oi on oi.product_id = p.id
        where p.trip_id = $1 group by p.id`,
      [trip.tripId],
    );
    await pool.query("analyze orders; analyze order_items; analyze products");
    await pool.query("checkpoint");
    const reservedUnits = expected.reduce((sum, row) => sum + row.reserved, 0);
    ctx.log(
      `seeded ${orderCount.toLocaleString("en-US")} overdue orders holding ${reservedUnits.toLocaleString("en-US")} units ` +
        `over ${productCount} products in ${round((performance.now() - seedStarted) / 1000, 1)} s (untimed)`,
    );

    const walBefore = await currentWal(pool);
    const started = performance.now();
    const { expired, batches } = await runOverdueSweep(database.prisma, sweepOptions);
    const seconds = (performance.now() - started) / 1000;
    const walMb = await walWrittenSince(pool, walBefore);

    const { rows: check } = await pool.query<{
      pending: number;
      expired: number;
      events: number;
      outbox: number;
    }>(
      `select count(*) filter (where o.status = 'pending_dp')::int as pending,
              count(*) filter (where o.status = 'expired')::int as expired,
              (select count(*)::int from order_events e join orders x on x.id = e.order_id
                where x.trip_id = $1 and e.to_status = 'expired') as events,
              (select count(*)::int from notification_outbox n join orders x on x.id = n.order_id
                where x.trip_id = $1 and n.template_key = 'order.expired') as outbox
         from orders o where o.trip_id = $1`,
      [trip.tripId],
    );
    const { rows: stock } = await pool.query<{ id: string; stock: number }>(
      "select id::text, stock_available as stock from products where trip_id = $1",
      [trip.tripId],
    );
    const wrongStock = expected.filter(
      (row) => stock.find((product) => product.id === row.product_id)?.stock !== row.stock,
    );
    const state = check[0] ?? { pending: -1, expired: -1, events: -1, outbox: -1 };
    const verified =
      state.pending === 0 &&
      state.expired === orderCount &&
      state.events === orderCount &&
      wrongStock.length === 0;
    ctx.log(
      `${expired.toLocaleString("en-US")} expired in ${batches} batches of ≤ ${batchSize} (${sweepOptions.parallel} in flight) in ${round(seconds, 2)} s ` +
        `(${Math.round(expired / seconds)} orders/s); DB: ${state.expired} expired, ${state.pending} still pending, ` +
        `${state.events} events, ${state.outbox} outbox rows; stock ${wrongStock.length === 0 ? "released exactly" : `WRONG for ${wrongStock.length} products`}`,
    );
    ctx.record({
      key: "sweep_100k_orders_s",
      value: round(seconds, 2),
      unit: "s",
      target: { op: "<=", value: 10 },
      note:
        `${orderCount.toLocaleString("en-US")} orders, ${reservedUnits.toLocaleString("en-US")} units, batches of ${batchSize}, ${sweepOptions.parallel} in flight, runOverdueSweep; ` +
        (verified ? "all expired, stock exact" : "VERIFICATION FAILED"),
    });
    ctx.record({
      key: "sweep_wal_mb",
      value: walMb,
      unit: "MB",
      note: "WAL the sweep wrote (pg_current_wal_lsn before and after): its write work, barely moved by other load on the machine; compare between commits",
    });
    ctx.record({
      key: "sweep_verified",
      value: verified,
      note: `${state.outbox} expiry notifications queued`,
    });
  },
};
