// Placing an order: the hot path. One read of the trip, its config and the requested products outside any
// transaction (and a fast SOLD_OUT from it), then one short transaction: the order, its items and its token
// in one statement, the outbox rows, ONE add_jobs call (DP-expiry job + notify jobs), and the stock
// reservation last, so the lock on a popular product is held for a single round trip before COMMIT.
import { createHash } from "node:crypto";
import { type Db, type OrderStatus, Prisma } from "@nitip/db";
import { enqueueAll, job } from "@nitip/jobs";
import { isUniqueViolation, orderTransactionOptions, retryOnDeadlock } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import { queueNotifications } from "../notifications/outbox.ts";
import { issueOrderAccessToken, newOrderAccessToken } from "../tokens/order-access.ts";
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

interface TripRow {
  id: string;
  title: string;
  status: string;
  order_deadline: Date;
  payment_type: "dp" | "full";
  dp_percent: number;
  min_down_payment: number;
  dp_window_minutes: number;
  magic_link_ttl_days: number;
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

class ReplaySignal extends Error {}

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

async function readTrip(
  db: Db,
  trip: PlaceOrderInput["trip"],
  productIds: string[],
): Promise<TripRow | undefined> {
  const rows = await db.$queryRaw<TripRow[]>`
    select t.id::text, t.title, t.status::text, t.order_deadline, t.payment_type::text,
           coalesce(t.dp_percent, c.dp_percent) as dp_percent, c.min_down_payment,
           coalesce(t.dp_window_minutes, c.dp_window_minutes) as dp_window_minutes, c.magic_link_ttl_days,
           h.whatsapp_number as host_phone,
           coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name, 'price', p.price,
                       'stock', p.stock_available, 'max', p.max_per_order, 'active', p.status = 'active'))
                     from products p where p.trip_id = t.id and p.id = any(${productIds}::uuid[])), '[]') as products
    from trips t join host_profiles h on h.id = t.host_id cross join platform_config c
    where c.id = 1 and ${"id" in trip ? Prisma.sql`t.id = ${trip.id}::uuid` : Prisma.sql`t.slug = ${trip.slug}`}`;
  return rows[0];
}

export async function placeOrder(db: Db, input: PlaceOrderInput): Promise<PlacedOrder> {
  const now = input.now ?? new Date();
  const { key, items, guest } = normalise(input);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const badId = items.find((item) => !uuid.test(item.productId));
  if (badId) throw new DomainError("NOT_FOUND", "A product in this order is not part of this trip.", badId);
  if ("id" in input.trip && !uuid.test(input.trip.id)) throw new DomainError("NOT_FOUND", "No such trip.");

  const trip = await readTrip(
    db,
    input.trip,
    items.map((item) => item.productId),
  );
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
  const paymentDueAt = new Date(now.getTime() + trip.dp_window_minutes * 60_000);
  const tokenExpiresAt = new Date(now.getTime() + trip.magic_link_ttl_days * 86_400_000);
  const limited = lines.filter((line) => line.limited);

  const attempt = () =>
    db.$transaction(async (tx) => {
      const code = generateOrderCode();
      const access = newOrderAccessToken();
      const [inserted] = await tx.$queryRaw<{ id: string }[]>`
        with o as (
          insert into orders (code, trip_id, guest_name, guest_phone, guest_email, shipping_address, note,
                              payment_type, subtotal, dp_amount, payment_due_at, idempotency_key, request_hash,
                              created_at, updated_at)
          values (${code}, ${trip.id}::uuid, ${guest.name}, ${guest.phone}, ${guest.email}, ${guest.shippingAddress},
                  ${guest.note}, ${trip.payment_type}::payment_type, ${subtotal}, ${dpAmount}, ${paymentDueAt},
                  ${key}, ${requestHash}, ${now}, ${now})
          on conflict (trip_id, idempotency_key) do nothing
          returning id
        ), i as (
          insert into order_items (order_id, product_id, product_name, unit_price, quantity, line_total)
          select o.id, l.product_id, l.name, l.price, l.quantity, l.price * l.quantity
          from o, unnest(${lines.map((l) => l.productId)}::uuid[], ${lines.map((l) => l.name)}::text[],
                         ${lines.map((l) => l.price)}::int[], ${lines.map((l) => l.quantity)}::int[])
                  as l(product_id, name, price, quantity)
        ), t as (
          insert into guest_access_tokens (token_hash, order_id, expires_at)
          select ${access.hash}, o.id, ${tokenExpiresAt} from o
        )
        select id::text from o`;
      if (!inserted) throw new ReplaySignal();
      const order = { id: inserted.id, code, guestPhone: guest.phone, hostPhone: trip.host_phone };
      const notifyJobs = await queueNotifications(tx, [
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
      await enqueueAll(tx, [
        job(
          "order:expire-dp",
          { orderId: order.id },
          { runAt: paymentDueAt, jobKey: `order:${order.id}:deadline` },
        ),
        ...notifyJobs,
      ]);
      if (limited.length > 0) {
        // Ordered by product id (the lines are sorted) so two multi-product orders lock rows in one order.
        const reserved = await tx.$queryRaw<{ id: string }[]>`
          update products p set stock_available = p.stock_available - r.quantity
          from unnest(${limited.map((l) => l.productId)}::uuid[], ${limited.map((l) => l.quantity)}::int[])
               as r(product_id, quantity)
          where p.id = r.product_id and p.stock_available >= r.quantity
          returning p.id::text`;
        if (reserved.length !== limited.length) {
          const short = limited.find((line) => !reserved.some((row) => row.id === line.productId));
          const left = await tx.product.findUnique({
            where: { id: short?.productId ?? "" },
            select: { stockAvailable: true },
          });
          throw soldOut(short?.name ?? "A product", left?.stockAvailable ?? 0);
        }
      }
      return {
        order: {
          id: order.id,
          code,
          status: "pending_dp" as const,
          paymentType: trip.payment_type,
          subtotal,
          dpAmount,
          paymentDueAt,
        },
        token: access.token,
        tokenExpiresAt,
        replayed: false,
      };
    }, orderTransactionOptions);

  for (let tries = 0; ; tries++) {
    try {
      return await retryOnDeadlock(attempt);
    } catch (error) {
      if (error instanceof ReplaySignal) return replay(db, trip.id, key, requestHash);
      // A random code collided with an existing one (about 1 in 10^9 per order): draw again.
      if (tries < 3 && isUniqueViolation(error, "orders_code_key")) continue;
      throw error;
    }
  }
}

function soldOut(name: string, left: number): DomainError {
  return new DomainError(
    "SOLD_OUT",
    left > 0 ? `Only ${left} of "${name}" left; lower the quantity.` : `"${name}" is sold out.`,
    { product: name, left },
  );
}

/** The request was seen before under this key: same content returns that order, different content is refused. */
async function replay(db: Db, tripId: string, key: string, requestHash: string): Promise<PlacedOrder> {
  const existing = await db.order.findUnique({
    where: { tripId_idempotencyKey: { tripId, idempotencyKey: key } },
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
  if (existing.requestHash !== requestHash) {
    throw new DomainError(
      "IDEMPOTENCY_MISMATCH",
      "This idempotency key was already used for a different order. Send a new key for a new order, or resend exactly the same order to get it back.",
    );
  }
  const { token, expiresAt } = await issueOrderAccessToken(db, existing.id);
  const { requestHash: _hash, ...order } = existing;
  return { order, token, tokenExpiresAt: expiresAt, replayed: true };
}
