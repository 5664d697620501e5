// Bench data, written with plain SQL: a host and an open `dp` trip with the products a scenario asks for.
import { randomBytes } from "node:crypto";
import type pg from "pg";

export interface BenchTrip {
  tripId: string;
  slug: string;
  hostPhone: string;
  /** The host's account (users.id), e.g. to sign the host in. */
  hostUserId: string;
  productIds: string[];
}

export interface ProductSpec {
  name: string;
  price: number;
  /** null = unlimited */
  stock: number | null;
  maxPerOrder?: number | null;
}

export async function createBenchTrip(
  db: pg.Pool | pg.Client,
  label: string,
  products: ProductSpec[],
): Promise<BenchTrip> {
  const suffix = randomBytes(4).toString("hex");
  const hostPhone = "+6281200000001";
  const { rows: users } = await db.query<{ id: string }>(
    "insert into users (email, name, role) values ($1, $2, 'host') returning id",
    [`bench-${label}-${suffix}@nitip.test`, `Bench host ${label}`],
  );
  const { rows: hosts } = await db.query<{ id: string }>(
    `insert into host_profiles (user_id, display_name, slug, whatsapp_number, origin_city)
     values ($1, $2, $3, $4, 'Jakarta') returning id`,
    [users[0]?.id, `Bench ${label}`, `bench-${label}-${suffix}`, hostPhone],
  );
  const slug = `bench-${label}-${suffix}`;
  const { rows: trips } = await db.query<{ id: string }>(
    `insert into trips (host_id, slug, title, destination, starts_on, ends_on, order_deadline, status,
                        payment_type, published_at)
     values ($1, $2, $3, 'Tokyo', current_date + 30, current_date + 40, now() + interval '30 days', 'open', 'dp', now())
     returning id`,
    [hosts[0]?.id, slug, `Bench trip ${label}`],
  );
  const tripId = trips[0]?.id as string;
  const productIds: string[] = [];
  for (const [index, product] of products.entries()) {
    const { rows } = await db.query<{ id: string }>(
      `insert into products (trip_id, name, price, stock_available, max_per_order, sort_order)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [tripId, product.name, product.price, product.stock, product.maxPerOrder ?? null, index],
    );
    productIds.push(rows[0]?.id as string);
  }
  return { tripId, slug, hostPhone, hostUserId: users[0]?.id as string, productIds };
}

/** A plausible Indonesian mobile number in E.164, distinct per n. */
export function guestPhone(n: number): string {
  return `+62812${String(10_000_000 + (n % 89_999_999)).padStart(8, "0")}`;
}

/**
 * `count` pending_dp orders for the trip, set-based, each with one or two items (quantity 1–3) spread over
 * `productIds`. `dueAgo`: how long ago their payment deadline passed (negative = still in the future).
 * Stock is not touched: the caller sets the products' stock as the state after these reservations (each
 * line of a limited product holds its quantity, as placement would have reserved it).
 */
export async function insertOrders(
  db: pg.Pool | pg.Client,
  trip: BenchTrip,
  count: number,
  options: { dueAgoMs: number; label: string },
): Promise<void> {
  await db.query(
    `insert into orders (code, trip_id, guest_name, guest_phone, shipping_address, payment_type, subtotal,
                         dp_amount, payment_due_at, idempotency_key, request_hash, created_at, updated_at)
     select $3 || '-' || g, $1::uuid, 'Guest ' || g, '+62812' || lpad((10000000 + g)::text, 8, '0'),
            'Jl. Sudirman No. 1, Jakarta', 'dp', 0, 10000,
            now() - $4 * interval '1 millisecond' - g * interval '1 millisecond',
            $3 || '-' || g, md5(g::text), now() - interval '1 hour', now() - interval '1 hour'
       from generate_series(1, $2::int) g`,
    [trip.tripId, count, options.label, options.dueAgoMs],
  );
  await insertOrderLines(db, trip, options.label);
}

/**
 * One or two lines (quantity 1–3) for each of the trip's orders coded `<label>-<n>`, spread over the trip's
 * products, each line of a limited product holding its quantity (as placement reserves it); each order's
 * subtotal is the sum of its lines.
 */
async function insertOrderLines(db: pg.Pool | pg.Client, trip: BenchTrip, label: string): Promise<void> {
  await db.query(
    `with o as (
       select id, substr(code, length($3) + 2)::int as g from orders where trip_id = $1::uuid and code like $3 || '-%'
     ), line as (
       select o.id as order_id, ($2::uuid[])[1 + (o.g * 7 + k) % cardinality($2::uuid[])] as product_id,
              1 + (o.g + k) % 3 as quantity
         from o cross join generate_series(0, 1) k where k <= o.g % 2
     ), ins as (
       insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total,
                                reserved_quantity)
       select line.order_id, p.id, p.name, p.price, line.quantity, p.price * line.quantity,
              case when p.stock_available is not null then line.quantity else 0 end
         from line join products p on p.id = line.product_id
       returning order_id, line_total
     )
     update orders set subtotal = s.total
       from (select order_id, sum(line_total)::int as total from ins group by order_id) s
      where orders.id = s.order_id`,
    [trip.tripId, trip.productIds, label],
  );
}

/** The order statuses of a host's inbox, with their share of `insertInboxOrders`' orders (percent, sums to 100). */
export const inboxStatusMix: [status: string, percent: number][] = [
  ["awaiting_validation", 3],
  ["awaiting_final_validation", 1],
  ["pending_dp", 10],
  ["awaiting_final_payment", 5],
  ["paid", 15],
  ["shipped", 10],
  ["delivered", 30],
  ["expired", 15],
  ["cancelled", 5],
  ["rejected", 4],
  ["refunded", 2],
];

/**
 * `count` orders for the trip as a host's inbox holds them after a week of selling, set-based: codes
 * `<label>-<n>`, one a minute going back from now, statuses in the `inboxStatusMix` shares, each with one or
 * two items over `productIds`, a 30% down payment, the invoice (final amount) from the final-payment stage on,
 * and the payments each stage leaves: a submitted proof for the orders waiting for validation (the inbox lists
 * those first, with their auto-reject time), accepted ones before. No events or tokens (the inbox reads
 * neither). Stock is not touched, as in `insertOrders`.
 */
export async function insertInboxOrders(
  db: pg.Pool | pg.Client,
  trip: BenchTrip,
  count: number,
  label: string,
): Promise<void> {
  const statuses = inboxStatusMix.flatMap(([status, percent]) => Array<string>(percent).fill(status));
  await db.query(
    `with o as (
       select g, ($4::text[])[1 + g % 100]::order_status as status from generate_series(1, $2::int) g
     )
     insert into orders (code, trip_id, status, guest_name, guest_phone, shipping_address, payment_type,
                         subtotal, dp_amount, payment_due_at, validation_due_at, final_due_at, courier,
                         tracking_number, open_slot, idempotency_key, request_hash, created_at, updated_at)
     select $3 || '-' || g, $1::uuid, status, 'Guest ' || g, '+62813' || lpad(g::text, 8, '0'),
            'Jl. Sudirman No. ' || g || ', Jakarta', 'dp', 0, 0,
            case when status = 'pending_dp' then now() + (g % 48) * interval '1 hour'
                 else now() - g * interval '1 minute' + interval '1 day' end,
            case when status in ('awaiting_validation', 'awaiting_final_validation')
                 then now() + (g % 720) * interval '1 minute' end,
            case when status = 'awaiting_final_payment' then now() + (g % 72) * interval '1 hour' end,
            case when status in ('shipped', 'delivered') then 'JNE' end,
            case when status in ('shipped', 'delivered') then 'JNE' || lpad(g::text, 10, '0') end,
            case when status in ('pending_dp', 'awaiting_validation') then 1 end,
            $3 || '-' || g, md5(g::text), now() - g * interval '1 minute', now() - g * interval '1 minute'
       from o`,
    [trip.tripId, count, label, statuses],
  );
  await insertOrderLines(db, trip, label);
  // Lines of orders that ended hold nothing; a 30% down payment, and the invoice from the final-payment stage on.
  await db.query(
    `update order_items i set reserved_quantity = 0
       from orders o
      where o.id = i.order_id and o.trip_id = $1::uuid and o.code like $2 || '-%'
        and o.status not in ('pending_dp', 'awaiting_validation', 'awaiting_final_payment',
                             'awaiting_final_validation', 'paid')`,
    [trip.tripId, label],
  );
  await db.query(
    `update orders
        set dp_amount = subtotal * 30 / 100,
            final_amount = case when status in ('awaiting_final_payment', 'awaiting_final_validation', 'paid',
                                                'shipped', 'delivered', 'refunded')
                                then subtotal - subtotal * 30 / 100 end
      where trip_id = $1::uuid and code like $2 || '-%'`,
    [trip.tripId, label],
  );
  await db.query(
    `insert into payments (order_id, kind, amount, status, proof_key, proof_mime, proof_size, submitted_at,
                           validated_at)
     select o.id, p.kind::payment_kind, case when p.kind = 'dp' then o.dp_amount else o.final_amount end,
            p.status::payment_status, 'proofs/' || o.id || '/' || p.kind || '.jpg', 'image/jpeg', 180000,
            o.created_at + interval '1 hour', case when p.status = 'accepted' then o.created_at + interval '2 hours' end
       from orders o
       cross join lateral (values
         ('dp', case when o.status = 'awaiting_validation' then 'submitted'
                     when o.status in ('awaiting_final_payment', 'awaiting_final_validation', 'paid', 'shipped',
                                       'delivered', 'refunded') then 'accepted' end),
         ('final', case when o.status = 'awaiting_final_validation' then 'submitted'
                        when o.status in ('paid', 'shipped', 'delivered') then 'accepted' end)
       ) as p(kind, status)
      where o.trip_id = $1::uuid and o.code like $2 || '-%' and p.status is not null`,
    [trip.tripId, label],
  );
}

/**
 * A signed-in browser for each user: a next-auth database session row per user (what the email sign-in
 * leaves: the SHA-256 of the cookie's token, apps/web/src/server/auth/adapter.ts), in one statement.
 * Returns the tokens, the session cookie's values, in the order of `userIds`.
 */
export async function insertSessions(db: pg.Pool | pg.Client, userIds: string[]): Promise<string[]> {
  const tokens = userIds.map(() => randomBytes(32).toString("hex"));
  await db.query(
    `insert into sessions (token_hash, user_id, expires_at)
     select sha256(convert_to(token, 'UTF8')), user_id, now() + interval '30 days'
       from unnest($1::text[], $2::uuid[]) as s(token, user_id)`,
    [tokens, userIds],
  );
  return tokens;
}
