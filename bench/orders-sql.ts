// The same-run ceiling for order placement: the statements placeOrder (packages/core/src/orders/place-order.ts)
// sends, run directly with pg from 32 clients for a bounded time, against an unlimited-stock product:
//   the trip/config/products read (outside the transaction), then BEGIN; the order + items + token CTE;
//   two outbox rows; ONE add_jobs call with the DP-expiry job and two notify:send jobs; COMMIT.
// (A limited-stock order adds the stock UPDATE; the HTTP run uses an unlimited product, so this does not.)
// No Node framework, no Prisma, no HTTP: what PostgreSQL on this machine allows for that work.

import { createHash, randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { createBenchTrip, guestPhone } from "./fixtures.ts";
import { newPool, round, type Scenario, summarize } from "./lib.ts";

export const orderClients = 32;
const durationMs = Number(process.env.BENCH_ORDERS_SECONDS ?? 15) * 1000;
const warmupMs = 2_000;

const readTripSql = `
  select t.id::text, t.title, t.status::text, t.order_deadline, t.payment_type::text,
         coalesce(t.dp_percent, c.dp_percent) as dp_percent, c.min_down_payment,
         coalesce(t.dp_window_minutes, c.dp_window_minutes) as dp_window_minutes, c.magic_link_ttl_days,
         h.whatsapp_number as host_phone,
         coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'price', p.price,
                     'stock', p.stock_available, 'max', p.max_per_order, 'active', p.status = 'active'))
                   from products p where p.trip_id = t.id and p.id = any($2::uuid[])), '[]') as products
  from trips t join host_profiles h on h.id = t.host_id cross join platform_config c
  where c.id = 1 and t.id = $1::uuid`;

const insertOrderSql = `
  with o as (
    insert into orders (code, trip_id, guest_name, guest_phone, guest_email, shipping_address, note,
                        payment_type, subtotal, dp_amount, payment_due_at, idempotency_key, request_hash,
                        created_at, updated_at)
    values ($1, $2::uuid, $3, $4, null, $5, null, 'dp'::payment_type, $6, $7, $8, $9, $10, $11, $11)
    on conflict (trip_id, idempotency_key) do nothing
    returning id
  ), i as (
    insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total)
    select o.id, l.product_id, l.name, l.price, l.quantity, l.price * l.quantity
    from o, unnest($12::uuid[], $13::text[], $14::int[], $15::int[]) as l(product_id, name, price, quantity)
  ), t as (
    insert into guest_access_tokens (token_hash, order_id, expires_at)
    select $16, o.id, $17 from o
  )
  select id::text from o`;

const insertOutboxSql = `
  insert into notification_outbox (order_id, channel, recipient, template_key, params, dedupe_key)
  values ($1::uuid, 'whatsapp', $2, 'order.placed', $3::jsonb, $4),
         ($1::uuid, 'whatsapp', $5, 'host.order.placed', $6::jsonb, $7)
  on conflict (dedupe_key) do nothing
  returning id::text`;

const addJobsSql = `
  select id::text from graphile_worker.add_jobs(
    array(select json_populate_recordset(null::graphile_worker.job_spec, $1::json)), false)`;

export interface OrderFixture {
  tripId: string;
  productId: string;
  hostPhone: string;
}

/** One order, as placeOrder's statements. */
async function placeOrderSql(client: pg.PoolClient, fixture: OrderFixture, n: number): Promise<void> {
  await client.query(readTripSql, [fixture.tripId, [fixture.productId]]);
  const now = new Date();
  const paymentDueAt = new Date(now.getTime() + 30 * 60_000);
  const phone = guestPhone(n);
  const price = 95_000;
  await client.query("begin");
  try {
    const { rows } = await client.query<{ id: string }>(insertOrderSql, [
      `B${randomBytes(6).toString("hex").toUpperCase()}`,
      fixture.tripId,
      `Guest ${n}`,
      phone,
      "Jl. Sudirman 1, Jakarta",
      price,
      Math.max(Math.ceil(price * 0.2), 10_000),
      paymentDueAt,
      randomUUID(),
      createHash("sha256").update(`${n}`).digest("hex"),
      now,
      [fixture.productId],
      ["Kit Kat Matcha"],
      [price],
      [1],
      createHash("sha256").update(randomBytes(32)).digest(),
      new Date(now.getTime() + 60 * 86_400_000),
    ]);
    const orderId = rows[0]?.id as string;
    const outbox = await client.query<{ id: string }>(insertOutboxSql, [
      orderId,
      phone,
      JSON.stringify({ orderCode: "B", withOrderLink: true, tripTitle: "Bench", amountDue: 19_000 }),
      `order:${orderId}:placed:guest`,
      fixture.hostPhone,
      JSON.stringify({ orderCode: "B", tripTitle: "Bench", guestName: `Guest ${n}`, subtotal: price }),
      `order:${orderId}:placed:host`,
    ]);
    const jobs = [
      {
        identifier: "order:expire-dp",
        payload: { orderId },
        queue_name: null,
        run_at: paymentDueAt.toISOString(),
        max_attempts: 10,
        job_key: `order:${orderId}:deadline`,
        priority: 0,
        flags: null,
      },
      ...outbox.rows.map((row) => ({
        identifier: "notify:send",
        payload: { outboxId: row.id },
        queue_name: null,
        run_at: null,
        max_attempts: 8,
        job_key: null,
        priority: -1,
        flags: null,
      })),
    ];
    await client.query(addJobsSql, [JSON.stringify(jobs)]);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
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
      hostPhone: trip.hostPhone,
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
