// Placing an order: the hot path, two round trips and no interactive transaction. One read of the trip, its
// config and the requested products (every rule is checked on it in TypeScript, with a fast SOLD_OUT), then
// ONE statement (`placementSql`) that re-checks what was read under row locks and writes the order, its
// items, its token, its outbox rows, its stock reservation and ONE add_jobs call (DP-expiry job + notify
// jobs) atomically. If the trip or a product changed in between, the statement aborts and the placement
// starts again from a fresh read.
import { createHash, randomUUID } from "node:crypto";
import type { Db, OrderStatus } from "@nitip/db";
import { addJobsFromJsonSql, job, jobSpecRows } from "@nitip/jobs";
import { isCheckViolation, isNitipAssertion, isUniqueViolation, retryOnDeadlock } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import { outboxRowsFromJsonSql, prepareNotifications } from "../notifications/outbox.ts";
import { issueAccessTokenSql, issueOrderAccessToken, newOrderAccessToken } from "../tokens/index.ts";
import { generateOrderCode } from "./code.ts";
import { normalisePhoneNumber } from "./guest-details.ts";
import { guestNotification, hostNotification } from "./notifications.ts";
import { downPaymentFor } from "./pricing.ts";

export interface PlaceOrderInput {
  /** The trip, by id or by its public slug. */
  trip: { id: string } | { slug: string };
  /** Client-generated, one per checkout attempt; a retry sends the same key. */
  idempotencyKey: string;
  guest: {
    name: string;
    phone: string;
    email?: string | null;
    shippingAddress: string;
    note?: string | null;
  };
  items: { productId: string; quantity: number }[];
  now?: Date;
}

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

/** The row `placementReadStatement` returns. */
export interface PlacementTripRow {
  id: string;
  title: string;
  status: string;
  order_deadline: Date;
  payment_type: "dp" | "full";
  dp_percent: number;
  min_down_payment: number;
  dp_window_minutes: number;
  host_phone: string;
  products: {
    id: string;
    name: string;
    price: number;
    stock: number | null;
    max: number | null;
    active: boolean;
  }[];
}

const maxInt = 2_147_483_647;

function normalise(input: PlaceOrderInput) {
  const name = input.guest.name.trim().replace(/\s+/g, " ");
  const shippingAddress = input.guest.shippingAddress.trim();
  if (!name) throw new DomainError("BAD_INPUT", "Enter your name.", { field: "guestName" });
  if (!shippingAddress)
    throw new DomainError("BAD_INPUT", "Enter a shipping address.", { field: "shippingAddress" });
  const key = input.idempotencyKey.trim();
  if (key.length < 8 || key.length > 100) {
    throw new DomainError("BAD_INPUT", "The idempotency key must be 8 to 100 characters (a UUID works).");
  }
  if (input.items.length === 0) throw new DomainError("BAD_INPUT", "Add at least one product to the order.");
  const quantities = new Map<string, number>();
  for (const item of input.items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 1000) {
      throw new DomainError("BAD_INPUT", "Each quantity must be a whole number from 1 to 1000.", {
        productId: item.productId,
      });
    }
    quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  }
  const items = [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
  items.sort((a, b) => (a.productId < b.productId ? -1 : 1));
  return {
    key,
    items,
    guest: {
      name,
      phone: normalisePhoneNumber(input.guest.phone),
      email: input.guest.email?.trim().toLowerCase() || null,
      shippingAddress,
      note: input.guest.note?.trim() || null,
    },
  };
}

const placementReadColumns = `
    select t.id::text, t.title, t.status::text, t.order_deadline, t.payment_type::text,
           coalesce(t.dp_percent, c.dp_percent) as dp_percent, c.min_down_payment,
           coalesce(t.dp_window_minutes, c.dp_window_minutes) as dp_window_minutes,
           h.whatsapp_number as host_phone,
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
 * Where placement's two round trips go when not through Prisma: any pg-style `query(text, values)` (a pg.Pool
 * fits). `phase` says which round trip it is ("read" first, then "write"), so a caller can schedule them, e.g.
 * let placements already past their read go before new reads. Errors must carry pg's SQLSTATE (`code`).
 */
export interface PlacementSql {
  query(text: string, values: unknown[], phase: "read" | "write"): Promise<{ rows: unknown[] }>;
}

export interface PlaceOrderOptions {
  /** Send the read and the placement statement straight to pg instead of through Prisma. */
  sql?: PlacementSql;
}

async function runPlacementSql<R>(
  db: Db,
  sql: PlacementSql | undefined,
  statement: { text: string; values: unknown[] },
  phase: "read" | "write",
): Promise<R[]> {
  if (sql) return (await sql.query(statement.text, statement.values, phase)).rows as R[];
  return db.$queryRawUnsafe<R[]>(statement.text, ...statement.values);
}

/**
 * THE order placement statement (bench/orders-sql.ts runs this very text over raw pg, via buildPlacementStatement), after
 * the one read (`placementReadStatement`). One statement, so one implicit transaction and one commit:
 *   guard   re-checks, under FOR SHARE row locks, what the read saw: the trip is open and before its deadline,
 *           and every unlimited product still has the price, name, status and max-per-order the order was
 *           priced with; nitip_assert aborts the statement otherwise (SQLSTATE NT001);
 *   o       the order, ON CONFLICT (trip_id, idempotency_key) DO NOTHING; everything below hangs off `o`, so a
 *           replay or a concurrent duplicate writes nothing else;
 *   items, token, event (the creation: null -> pending_dp, actor guest), outbox (ids chosen in TypeScript), reserved (limited stock: the same re-checks in its WHERE,
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
  ), o as (
    insert into orders (id, code, trip_id, guest_name, guest_phone, guest_email, shipping_address, note,
                        payment_type, subtotal, dp_amount, payment_due_at, idempotency_key, request_hash,
                        created_at, updated_at)
    select $1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9::payment_type, $10, $11, $12::timestamptz, $13, $14,
           $15::timestamptz, $15::timestamptz
    from guard where guard.ok
    on conflict (trip_id, idempotency_key) do nothing
    returning id
  ), items as (
    insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total)
    select o.id, l.product_id, l.name, l.price, l.quantity, l.price * l.quantity from o, lines l
    returning 1
  ), ${issueAccessTokenSql("link", { name: "token", forOrders: "(select id as order_id from o)", hashSql: "decode($21, 'hex')" })}, event as (
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
         (select count(*) from items) + (select count(*) from token) + (select count(*) from event)
           + (select count(*) from outbox)
           + (select count(*) from jobs) as written,
         nitip_assert((select count(*) from reserved) = (select count(*) from lines where limited),
                      'nitip:placement-stale') as reserved,
         (select expires_at from token) as token_expires_at
  from o`;

/** How often a placement re-reads and tries again when the trip or a product changed under it. */
const placementAttempts = 4;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The input checked and normalised (no database): what the read and the plan work from. */
export interface PreparedPlacement {
  trip: PlaceOrderInput["trip"];
  key: string;
  items: { productId: string; quantity: number }[];
  guest: ReturnType<typeof normalise>["guest"];
}

/** Checks and normalises the input (names, phone number, quantities, ids); throws a DomainError when bad. */
export function preparePlacement(input: PlaceOrderInput): PreparedPlacement {
  const { key, items, guest } = normalise(input);
  const badId = items.find((item) => !uuidPattern.test(item.productId));
  if (badId) throw new DomainError("NOT_FOUND", "A product in this order is not part of this trip.", badId);
  if ("id" in input.trip && !uuidPattern.test(input.trip.id))
    throw new DomainError("NOT_FOUND", "No such trip.");
  return { trip: input.trip, key, items, guest };
}

export async function placeOrder(
  db: Db,
  input: PlaceOrderInput,
  options: PlaceOrderOptions = {},
): Promise<PlacedOrder> {
  const now = input.now ?? new Date();
  const prepared = preparePlacement(input);
  const productIds = prepared.items.map((item) => item.productId);

  for (let attempt = 1; ; attempt++) {
    // Every rule (trip open, products, quantities, stock, price, DP) is checked here, in TypeScript, on a
    // fresh read; the statement only re-checks that what was read is still true.
    const read = placementReadStatement(prepared.trip, productIds);
    const [row] = await runPlacementSql<PlacementTripRow>(db, options.sql, read, "read");
    const plan = planPlacement(row, prepared, now);
    try {
      const placed = await retryOnDeadlock(() => writeOrder(db, options.sql, plan, now));
      return placed ?? (await replay(db, plan));
    } catch (error) {
      const retry =
        isNitipAssertion(error, "nitip:placement-stale") ||
        isCheckViolation(error, "products_stock_available_not_negative") ||
        isUniqueViolation(error, "orders_code_key");
      if (!retry) throw error;
      // The next read refuses with the right DomainError (closed trip, SOLD_OUT naming the product, ...) or
      // prices the order again; a random order code that collided is simply drawn again.
      if (attempt >= placementAttempts) {
        throw new DomainError(
          "CONFLICT",
          "The trip or its products changed while the order was being placed; try again.",
        );
      }
    }
  }
}

export type PlacementPlan = ReturnType<typeof planPlacement>;

/**
 * Every placement rule, checked on the read (no database): the trip is open and before its deadline, each
 * product is active and part of it, max-per-order, stock (SOLD_OUT naming the product), the order size; then
 * the amounts, the deadlines and the request hash. Throws a DomainError, or returns what the statement writes.
 */
export function planPlacement(trip: PlacementTripRow | undefined, prepared: PreparedPlacement, now: Date) {
  const { items, guest, key } = prepared;
  if (!trip || trip.status === "draft" || trip.status === "cancelled") {
    throw new DomainError("NOT_FOUND", "No such trip is open for orders.");
  }
  if (trip.status !== "open")
    throw new DomainError("DEADLINE_PASSED", "This trip is no longer taking orders.");
  if (new Date(trip.order_deadline).getTime() <= now.getTime()) {
    throw new DomainError(
      "DEADLINE_PASSED",
      `Orders for "${trip.title}" closed at ${new Date(trip.order_deadline).toISOString()}.`,
    );
  }

  const lines = items.map((item) => {
    const product = trip.products.find((p) => p.id === item.productId);
    if (!product?.active) {
      throw new DomainError("NOT_FOUND", "A product in this order is not part of this trip.", item);
    }
    if (product.max !== null && item.quantity > product.max) {
      throw new DomainError("BAD_INPUT", `You can order at most ${product.max} of "${product.name}".`, item);
    }
    if (product.stock !== null && product.stock < item.quantity) throw soldOut(product.name, product.stock);
    return { ...item, name: product.name, price: product.price, limited: product.stock !== null };
  });
  const subtotal = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  if (subtotal > maxInt)
    throw new DomainError("BAD_INPUT", "This order is too large; split it into several orders.");
  const dpAmount = downPaymentFor(subtotal, {
    paymentType: trip.payment_type,
    dpPercent: trip.dp_percent,
    minDownPayment: trip.min_down_payment,
  });
  const requestHash = createHash("sha256")
    .update(JSON.stringify({ trip: trip.id, guest, items }))
    .digest("hex");
  return {
    trip,
    key,
    guest,
    lines,
    subtotal,
    dpAmount,
    requestHash,
    paymentDueAt: new Date(now.getTime() + trip.dp_window_minutes * 60_000),
  };
}

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
    job("order:expire-dp", { orderId }, { runAt: paymentDueAt, jobKey: `order:${orderId}:deadline` }),
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
    tokenExpiresAt: new Date(0), // set from the statement's answer (the link's lifetime lives in tokens/issue.ts)
    replayed: false,
  };
  return { text: placementSql, values, placed };
}

/** The placement statement; undefined when the idempotency key was already taken (a replay). */
async function writeOrder(
  db: Db,
  sql: PlacementSql | undefined,
  plan: PlacementPlan,
  now: Date,
): Promise<PlacedOrder | undefined> {
  const statement = buildPlacementStatement(plan, now);
  const [inserted] = await runPlacementSql<{ id: string; token_expires_at: Date }>(
    db,
    sql,
    statement,
    "write",
  );
  return inserted ? { ...statement.placed, tokenExpiresAt: new Date(inserted.token_expires_at) } : undefined;
}

function soldOut(name: string, left: number): DomainError {
  return new DomainError(
    "SOLD_OUT",
    left > 0 ? `Only ${left} of "${name}" left; lower the quantity.` : `"${name}" is sold out.`,
    { product: name, left },
  );
}

/** The request was seen before under this key: same content returns that order, different content is refused. */
async function replay(db: Db, plan: PlacementPlan): Promise<PlacedOrder> {
  const existing = await db.order.findUnique({
    where: { tripId_idempotencyKey: { tripId: plan.trip.id, idempotencyKey: plan.key } },
    select: {
      id: true,
      code: true,
      status: true,
      paymentType: true,
      subtotal: true,
      dpAmount: true,
      paymentDueAt: true,
      requestHash: true,
    },
  });
  if (!existing)
    throw new DomainError("CONFLICT", "This order is still being placed; try again in a moment.");
  if (existing.requestHash !== plan.requestHash) {
    throw new DomainError(
      "IDEMPOTENCY_MISMATCH",
      "This idempotency key was already used for a different order. Send a new key for a new order, or resend exactly the same order to get it back.",
    );
  }
  const { token, expiresAt } = await issueOrderAccessToken(db, existing.id);
  const { requestHash: _hash, ...order } = existing;
  return { order, token, tokenExpiresAt: expiresAt, replayed: true };
}
