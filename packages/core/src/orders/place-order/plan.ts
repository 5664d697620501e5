// Every placement rule, checked in TypeScript on the one read (no database).
import { createHash } from "node:crypto";
import { DomainError } from "../../errors.ts";
import { downPaymentFor } from "../pricing.ts";
import { maxQuantityPerProduct, type PreparedPlacement } from "./input.ts";

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
  magic_link_ttl_days: number;
  open_orders_per_phone: number;
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

export type PlacementPlan = ReturnType<typeof planPlacement>;

/**
 * Every placement rule, checked on the read (no database): the trip is open and before its deadline, each
 * product is active and part of it, the merged quantity per product (at most 1000 and the product's max per
 * order), stock (SOLD_OUT naming the product), the order size; then the amounts, the deadlines and the
 * request hash. Throws a DomainError, or returns what the statement writes. The open-orders-per-phone limit
 * is the one rule the statement checks itself (it needs the orders, which the read does not fetch).
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
    const max = Math.min(product.max ?? maxQuantityPerProduct, maxQuantityPerProduct);
    if (item.quantity > max) {
      throw new DomainError("BAD_INPUT", `You can order at most ${max} of "${product.name}".`, {
        ...item,
        max,
      });
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
    tokenExpiresAt: new Date(now.getTime() + trip.magic_link_ttl_days * 86_400_000),
  };
}

export function soldOut(name: string, left: number): DomainError {
  return new DomainError(
    "SOLD_OUT",
    left > 0 ? `Only ${left} of "${name}" left; lower the quantity.` : `"${name}" is sold out.`,
    { product: name, left },
  );
}

/** The open-orders-per-phone limit, in words (the statement refuses, placeOrder throws this). */
export function tooManyOpenOrders(limit: number): DomainError {
  return new DomainError(
    "RATE_LIMITED",
    `You already have ${limit} unpaid ${limit === 1 ? "order" : "orders"} for this trip; pay or cancel one first.`,
    { field: "guestPhone", limit },
  );
}
