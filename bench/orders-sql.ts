// The same-run ceiling for order placement: exactly the statements placeOrder
// (packages/core/src/orders/place-order/) sends, built by the same core functions and run directly with pg
// from 32 clients for a bounded time, against an unlimited-stock product:
//   `placementReadStatement` (the trip/config/products read), the plan checked in TypeScript
//   (`planPlacement`, no database), then `buildPlacementStatement`: ONE statement (its own transaction) that
//   re-checks the read, writes the order, items, token, event, outbox rows and ONE add_jobs call, and commits.
// Both statements are named (prepared) as the app sends them. No Next, no tRPC, no Prisma, no HTTP: what
// PostgreSQL on this machine allows for that work.

import type pg from "pg";
import {
  buildPlacementStatement,
  type PlacementTripRow,
  placementReadStatement,
  planPlacement,
  preparePlacement,
} from "../packages/core/src/orders/place-order/index.ts";
import { preparedStatementName } from "../packages/db/src/prepared.ts";
import { createBenchTrip, guestPhone } from "./fixtures.ts";
import { newPool, round, type Scenario, summarize } from "./lib.ts";

export const orderClients = 32;
const durationMs = Number(process.env.BENCH_ORDERS_SECONDS ?? 15) * 1000;
const warmupMs = 2_000;

export interface OrderFixture {
  tripId: string;
  productId: string;
}

/** Prepared statements, named as the app names them (packages/db/src/prepared.ts). */
function named(statement: { text: string; values: unknown[] }) {
  return { name: preparedStatementName(statement.text), text: statement.text, values: statement.values };
}

/** One order, as placeOrder sends it: the read, then the placement statement (no row = not placed). */
async function placeOrderSql(client: pg.PoolClient, fixture: OrderFixture, n: number): Promise<void> {
  const now = new Date();
  const prepared = preparePlacement({
    trip: { id: fixture.tripId },
    idempotencyKey: crypto.randomUUID(),
    guest: {
      name: `Guest ${n}`,
      phone: guestPhone(n),
      shippingAddress: "Jl. Sudirman No. 1, Jakarta Pusat 10220",
    },
    items: [{ productId: fixture.productId, quantity: 1 }],
    now,
  });
  const read = placementReadStatement(prepared.trip, [fixture.productId]);
  const { rows } = await client.query<PlacementTripRow>(named(read));
  const statement = buildPlacementStatement(planPlacement(rows[0], prepared, now), now);
  const placed = await client.query(named(statement));
  if (placed.rowCount !== 1) throw new Error("the placement statement placed no order");
}

export const ordersSql: Scenario = {
  name: "orders-sql",
  description: `SQL ceiling: placeOrder's statements straight through pg, ${orderClients} clients, ${durationMs / 1000} s`,
  async run(ctx) {
    const pool = newPool(ctx.url, orderClients);
    const trip = await createBenchTrip(pool, "ceiling", [
      { name: "Kit Kat Matcha", price: 95_000, stock: null },
    ]);
    const fixture = {
      tripId: trip.tripId,
      productId: trip.productIds[0] as string,
    };
    await pool.query("checkpoint");

    let n = 0;
    let errors = 0;
    const latencies: number[] = [];
    const started = performance.now();
    const measureFrom = started + warmupMs;
    const end = measureFrom + durationMs;
    let measured = 0;
    await Promise.all(
      Array.from({ length: orderClients }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < end && !ctx.aborted) {
            const t0 = performance.now();
            try {
              await placeOrderSql(client, fixture, n++);
            } catch (error) {
              if (errors++ === 0) ctx.log(`first error: ${String(error)}`);
              continue;
            }
            const t1 = performance.now();
            if (t0 >= measureFrom && t1 <= end) {
              measured++;
              latencies.push(t1 - t0);
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    const stats = summarize(latencies);
    const perSecond = Math.round(measured / (durationMs / 1000));
    ctx.log(
      `${measured} orders in ${durationMs / 1000} s after ${warmupMs / 1000} s warm-up: ${perSecond}/s, ` +
        `p50 ${round(stats.p50, 2)} ms, p99 ${round(stats.p99, 2)} ms, ${errors} errors`,
    );
    ctx.record({
      key: "orders_sql_ceiling_per_s",
      value: perSecond,
      unit: "orders/s",
      note: `placeOrder's SQL via pg, ${orderClients} clients, ${durationMs / 1000} s; p50 ${round(stats.p50, 1)} ms, p99 ${round(stats.p99, 1)} ms${errors ? `, ${errors} errors` : ""}`,
    });
  },
};
