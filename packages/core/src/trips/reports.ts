// Per-trip views for the host: who ordered what, what to buy, and everything as a spreadsheet.
import type { Db, OrderStatus } from "@nitip/db";
import { loadOwnedTrip, type WorkspaceActor } from "../hosts/access.ts";
import { toCsv } from "./csv.ts";

/**
 * Orders the host still has to buy for: the DP (or full payment) is accepted and the order is neither shipped
 * nor cancelled. Orders whose proof is still waiting for validation are counted apart, as "maybe": they
 * become a purchase only once accepted.
 */
export const toBuyStatuses: readonly OrderStatus[] = [
  "awaiting_final_payment",
  "awaiting_final_validation",
  "paid",
];
export const maybeBuyStatuses: readonly OrderStatus[] = ["awaiting_validation"];

export async function tripShoppingList(db: Db, input: { actor: WorkspaceActor; tripId: string }) {
  const trip = await loadOwnedTrip(db, input.actor, input.tripId);
  const items = await db.orderItem.findMany({
    where: { order: { tripId: trip.id, status: { in: [...toBuyStatuses, ...maybeBuyStatuses] } } },
    orderBy: [{ order: { createdAt: "asc" } }],
    select: {
      productId: true,
      productName: true,
      quantity: true,
      order: { select: { code: true, status: true, guestName: true, note: true } },
    },
  });
  const lines = new Map<
    string,
    {
      productId: string;
      productName: string;
      units: number;
      maybeUnits: number;
      notes: { code: string; guestName: string; note: string }[];
    }
  >();
  for (const item of items) {
    const line = lines.get(item.productId) ?? {
      productId: item.productId,
      productName: item.productName,
      units: 0,
      maybeUnits: 0,
      notes: [],
    };
    if (toBuyStatuses.includes(item.order.status)) line.units += item.quantity;
    else line.maybeUnits += item.quantity;
    const note = item.order.note?.trim();
    if (note && !line.notes.some((n) => n.code === item.order.code)) {
      line.notes.push({ code: item.order.code, guestName: item.order.guestName, note });
    }
    lines.set(item.productId, line);
  }
  return [...lines.values()].sort((a, b) => a.productName.localeCompare(b.productName));
}

/** The trip's guests, one entry per WhatsApp number, with their orders (newest first). */
export async function tripParticipants(db: Db, input: { actor: WorkspaceActor; tripId: string }) {
  const trip = await loadOwnedTrip(db, input.actor, input.tripId);
  const orders = await db.order.findMany({
    where: { tripId: trip.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      code: true,
      status: true,
      guestName: true,
      guestPhone: true,
      subtotal: true,
      createdAt: true,
      items: { select: { productName: true, quantity: true } },
    },
  });
  const guests = new Map<string, { guestName: string; guestPhone: string; orders: typeof orders }>();
  for (const order of orders) {
    const guest = guests.get(order.guestPhone) ?? {
      guestName: order.guestName,
      guestPhone: order.guestPhone,
      orders: [],
    };
    guest.orders.push(order);
    guests.set(order.guestPhone, guest);
  }
  return [...guests.values()];
}

const jakartaTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Jakarta",
  dateStyle: "short",
  timeStyle: "short",
});

export const tripCsvHeader = [
  "order_code",
  "status",
  "placed_at_wib",
  "guest_name",
  "guest_phone",
  "shipping_address",
  "note",
  "product",
  "unit_price_idr",
  "quantity",
  "line_total_idr",
  "order_subtotal_idr",
  "dp_idr",
  "final_amount_idr",
  "shipping_fee_idr",
  "refund_owed_idr",
  "courier",
  "tracking_number",
] as const;

/** Every order of the trip, one row per item, oldest first. */
export async function tripOrdersCsv(db: Db, input: { actor: WorkspaceActor; tripId: string }) {
  const trip = await loadOwnedTrip(db, input.actor, input.tripId);
  const orders = await db.order.findMany({
    where: { tripId: trip.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { items: { orderBy: { productName: "asc" } } },
  });
  const rows = orders.flatMap((o) =>
    o.items.map((item) => [
      o.code,
      o.status,
      jakartaTime.format(o.createdAt),
      o.guestName,
      o.guestPhone,
      o.shippingAddress,
      o.note,
      item.productName,
      item.unitPrice,
      item.quantity,
      item.lineTotal,
      o.subtotal,
      o.dpAmount,
      o.finalAmount,
      o.shippingFee,
      o.refundOwed,
      o.courier,
      o.trackingNumber,
    ]),
  );
  return { filename: `nitip-${trip.slug}-orders.csv`, csv: toCsv([tripCsvHeader, ...rows]) };
}
