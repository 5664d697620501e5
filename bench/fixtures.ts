// Bench data, written with plain SQL: a host and an open `dp` trip with the products a scenario asks for.
import { randomBytes } from "node:crypto";
import type pg from "pg";

export interface BenchTrip {
  tripId: string;
  slug: string;
  hostPhone: string;
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
  return { tripId, slug, hostPhone, productIds };
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
    [trip.tripId, trip.productIds, options.label],
  );
}
