// The placement's two round trips as SQL text: the read, then THE statement that writes the order.
import { randomUUID } from "node:crypto";
import type { Db, OrderStatus } from "@nitip/db";
import { addJobsFromJsonSql, job, jobSpecRows } from "@nitip/jobs";
import { outboxRowsFromJsonSql, prepareNotifications } from "../../notifications/outbox.ts";
import { issueAccessTokenSql, newOrderAccessToken } from "../../tokens/index.ts";
import { generateOrderCode } from "../code.ts";
import { guestNotification, hostNotification } from "../notifications.ts";
import type { PlaceOrderInput } from "./input.ts";
import type { PlacementPlan } from "./plan.ts";

export interface PlacedOrder {
  order: {
    id: string;
    code: string;
    status: OrderStatus;
    paymentType: "dp" | "full";
    subtotal: number;
    dpAmount: number;
    paymentDueAt: Date;
  };
  /** The magic-link token, shown once. A replay of the same request gets a fresh one for the same order. */
  token: string;
  tokenExpiresAt: Date;
  /** true when this was a retry of a request that had already created the order. */
  replayed: boolean;
}

const placementReadColumns = `
    select t.id::text, t.title, t.status::text, t.order_deadline, t.payment_type::text,
           coalesce(t.dp_percent, c.dp_percent) as dp_percent, c.min_down_payment,
           coalesce(t.dp_window_minutes, c.dp_window_minutes) as dp_window_minutes,
           c.open_orders_per_phone, h.whatsapp_number as host_phone,
           coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'price', p.price,
                       'stock', p.stock_available, 'max', p.max_per_order, 'active', p.status = 'active'))
                     from products p where p.trip_id = t.id and p.id = any($2::uuid[])), '[]') as products
    from trips t join host_profiles h on h.id = t.host_id cross join platform_config c
    where c.id = 1`;

/**
 * THE placement read (one row, `PlacementTripRow`, or none): the trip by id or slug, its config and the
 * requested products. Plain SQL with positional parameters, so Prisma and raw pg (the bench's SQL ceiling)
 * send exactly the same text.
 */
export function placementReadStatement(trip: PlaceOrderInput["trip"], productIds: readonly string[]) {
  return "id" in trip
    ? {
        text: `/* nitip:place-order-read */${placementReadColumns} and t.id = $1::uuid`,
        values: [trip.id, productIds],
      }
    : {
        text: `/* nitip:place-order-read */${placementReadColumns} and t.slug = $1`,
        values: [trip.slug, productIds],
      };
}

/**
 * Where placement's two round trips wait their turn, if anywhere. Both always run through Prisma (one path:
 * the bench measured raw pg within 2% of it once both use prepared statements); a gate only schedules them.
 * The web app passes one per process that lets placements already past their read go before new reads
 * (apps/web/src/server/placement-gate.ts). `phase` says which round trip it is: "read" first, then "write".
 */
export interface PlacementGate {
  run<R>(phase: "read" | "write", query: () => Promise<R>): Promise<R>;
}

/** Runs one of placement's statements through Prisma (a named, prepared statement: see @nitip/db), gated if given. */
export function runPlacementSql<R>(
  db: Db,
  gate: PlacementGate | undefined,
  statement: { text: string; values: unknown[] },
  phase: "read" | "write",
): Promise<R[]> {
  const query = () => db.$queryRawUnsafe<R[]>(statement.text, ...statement.values);
  return gate ? gate.run(phase, query) : query();
}

/** The unpaid statuses: an order in one of them holds stock without money the host has seen. */
const openStatuses = `('pending_dp', 'awaiting_validation')`;

/**
 * THE order placement statement (bench/orders-sql.ts runs this very text over raw pg, via buildPlacementStatement), after
 * the one read (`placementReadStatement`). One statement, so one implicit transaction and one commit:
 *   guard   re-checks, under FOR SHARE row locks, what the read saw: the trip is open and before its deadline,
 *           and every unlimited product still has the price, name, status and max-per-order the order was
 *           priced with; nitip_assert aborts the statement otherwise (SQLSTATE NT001);
 *   slot    the phone's unpaid orders on this trip: fewer than the limit ($24), or nitip_assert refuses
 *           ('nitip:open-orders-limit'); the order takes the first free slot. The partial unique index
 *           orders_open_slot_per_phone makes the limit exact under concurrency: two placements that saw the
 *           same free slot cannot both commit (the loser gets 23505 and starts again from a fresh read). A
 *           replay of an existing idempotency key is not counted (it writes nothing);
 *   o       the order, ON CONFLICT (trip_id, idempotency_key) DO NOTHING; everything below hangs off `o`, so a
 *           replay or a concurrent duplicate writes nothing else;
 *   items (with the units each line reserves), token, event (the creation: null -> pending_dp, actor guest),
 *           outbox (ids chosen in TypeScript), reserved (limited stock: the same re-checks in its WHERE,
 *           re-evaluated on the newest row version after a wait; short stock trips the CHECK
 *           products_stock_available_not_negative, SQLSTATE 23514), jobs (ONE add_jobs: the DP-expiry job and
 *           the notify jobs, rows from jobSpecRows);
 *   select  runs them in that order (reservation last), asserts every limited line was reserved and returns
 *           the new order id (no row = a replay).
 */
const placementSql = `/* nitip:place-order */
  with lines as (
    select * from unnest($16::uuid[], $17::text[], $18::int[], $19::int[], $20::boolean[])
      as l(product_id, name, price, quantity, limited)
  ), guard as (
    select nitip_assert(
             (select count(*) from (select 1 from trips t
                                    where t.id = $3::uuid and t.status = 'open' and t.order_deadline > $15::timestamptz
                                    for share) open_trip) = 1
             and (select count(*) from (select 1 from products p join lines l on l.product_id = p.id
                                        where not l.limited and p.trip_id = $3::uuid and p.status = 'active'
                                          and p.stock_available is null and p.price = l.price and p.name = l.name
                                          and (p.max_per_order is null or p.max_per_order >= l.quantity)
                                        for share of p) same_products) = (select count(*) from lines where not limited),
             'nitip:placement-stale') as ok
  ), slot as (
    select nitip_assert(
             (select count(*) from orders x
              where x.trip_id = $3::uuid and x.guest_phone = $5 and x.status in ${openStatuses}) < $24::int
             or exists (select 1 from orders x where x.trip_id = $3::uuid and x.idempotency_key = $13),
             'nitip:open-orders-limit') as ok,
           (select min(s) from generate_series(1, $24::int) s
            where not exists (select 1 from orders x
                              where x.trip_id = $3::uuid and x.guest_phone = $5
                                and x.status in ${openStatuses} and x.open_slot = s)) as n
    from guard where guard.ok
  ), o as (
    insert into orders (id, code, trip_id, guest_name, guest_phone, guest_email, shipping_address, note,
                        payment_type, subtotal, dp_amount, payment_due_at, idempotency_key, request_hash,
                        open_slot, created_at, updated_at)
    select $1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9::payment_type, $10, $11, $12::timestamptz, $13, $14,
           slot.n, $15::timestamptz, $15::timestamptz
    from slot where slot.ok
    on conflict (trip_id, idempotency_key) do nothing
    returning id
  ), items as (
    insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total,
                             reserved_quantity)
    select o.id, l.product_id, l.name, l.price, l.quantity, l.price * l.quantity,
           case when l.limited then l.quantity else 0 end
    from o, lines l
    returning 1
  ), ${issueAccessTokenSql("link", { name: "token", forOrders: "(select id as order_id from o)", hashSql: "decode($21, 'hex')", newOrder: true })}, event as (
    insert into order_events (order_id, from_status, to_status, actor_type, created_at)
    select o.id, null, 'pending_dp'::order_status, 'guest'::actor_type, $15::timestamptz from o
    returning 1
  ), outbox as (
    insert into notification_outbox (id, order_id, channel, recipient, template_key, params, dedupe_key)
    select r.id, r.order_id, r.channel, r.recipient, r.template_key, r.params, r.dedupe_key
    from o, ${outboxRowsFromJsonSql("$22")}
    returning 1
  ), reserved as (
    update products p set stock_available = p.stock_available - l.quantity
    from o, lines l
    where l.limited and p.id = l.product_id and p.trip_id = $3::uuid and p.status = 'active'
      and p.stock_available is not null and p.price = l.price and p.name = l.name
      and (p.max_per_order is null or p.max_per_order >= l.quantity)
    returning p.id
  ), jobs as (
    select graphile_worker.add_jobs(${addJobsFromJsonSql("$23")}, false) as job from o
  )
  -- Left to right: the inserts and add_jobs first, the stock reservation last, so a popular product's row
  -- lock is held only for the reservation and the commit.
  select o.id::text,
         -- \`written\` is read by nobody: it exists to make writes run, in this order. \`jobs\` is a plain
         -- SELECT, which PostgreSQL runs only if referenced: without this count no job would ever be added.
         -- items/token/event/outbox would run anyway (data-modifying CTEs always do, at the end), but are
         -- counted here so they run before \`reserved\` below.
         (select count(*) from items) + (select count(*) from token) + (select count(*) from event)
           + (select count(*) from outbox)
           + (select count(*) from jobs) as written,
         -- Referencing \`reserved\` here (last) is what orders the reservation after the inserts.
         nitip_assert((select count(*) from reserved) = (select count(*) from lines where limited),
                      'nitip:placement-stale') as reserved,
         (select expires_at from token) as token_expires_at
  from o`;

/**
 * THE placement statement for one plan, as `{ text, values }` for any driver (Prisma's `$queryRawUnsafe` here,
 * raw pg in the bench's SQL ceiling), with fresh ids, order code and token. It returns one row `{ id }` when it
 * placed the order, none when the idempotency key was already taken; `placed` is the answer in the first case.
 */
export function buildPlacementStatement(plan: PlacementPlan, now: Date) {
  const { trip, guest, lines, subtotal, dpAmount, paymentDueAt } = plan;
  const orderId = randomUUID();
  const code = generateOrderCode();
  const access = newOrderAccessToken();
  const order = { id: orderId, code, guestPhone: guest.phone, hostPhone: trip.host_phone };
  const notifications = prepareNotifications([
    guestNotification(order, "order.placed", "placed", {
      tripTitle: trip.title,
      amountDue: dpAmount,
      paymentDueAt: paymentDueAt.toISOString(),
    }),
    hostNotification(order, "host.order.placed", "placed", {
      tripTitle: trip.title,
      guestName: guest.name,
      subtotal,
    }),
  ]);
  const jobs = jobSpecRows([
    job("order:expire-dp", { orderId }, { runAt: paymentDueAt }),
    ...notifications.jobs,
  ]);
  const values: unknown[] = [
    orderId,
    code,
    trip.id,
    guest.name,
    guest.phone,
    guest.email,
    guest.shippingAddress,
    guest.note,
    trip.payment_type,
    subtotal,
    dpAmount,
    paymentDueAt,
    plan.key,
    plan.requestHash,
    now,
    lines.map((l) => l.productId),
    lines.map((l) => l.name),
    lines.map((l) => l.price),
    lines.map((l) => l.quantity),
    lines.map((l) => l.limited),
    access.hashHex,
    JSON.stringify(notifications.rows),
    JSON.stringify(jobs),
    trip.open_orders_per_phone,
  ];
  const placed: PlacedOrder = {
    order: {
      id: orderId,
      code,
      status: "pending_dp",
      paymentType: trip.payment_type,
      subtotal,
      dpAmount,
      paymentDueAt,
    },
    token: access.token,
    tokenExpiresAt: new Date(0), // from the statement's answer: the lifetime lives in tokens/issue.ts
    replayed: false,
  };
  return { text: placementSql, values, placed };
}
