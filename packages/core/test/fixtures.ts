// Test fixtures: a host with an open trip and products, written straight through Prisma.
import { randomInt, randomUUID } from "node:crypto";
import type { Db, OrderStatus } from "@nitip/db";
import { expect } from "vitest";
import { type DomainError, placeOrder } from "../src/index.ts";

export async function createHostWithTrip(
  db: Db,
  options: {
    paymentType?: "dp" | "full";
    products?: { price: number; stock: number | null; maxPerOrder?: number }[];
  } = {},
) {
  const tag = randomUUID().slice(0, 8);
  const user = await db.user.create({ data: { email: `host-${tag}@example.com`, role: "host" } });
  const host = await db.hostProfile.create({
    data: {
      userId: user.id,
      displayName: `Host ${tag}`,
      slug: `host-${tag}`,
      whatsappNumber: "+6281234567890",
    },
  });
  const trip = await db.trip.create({
    data: {
      hostId: host.id,
      slug: `tokyo-${tag}`,
      title: "Tokyo Dec",
      destination: "Tokyo",
      startsOn: new Date("2030-12-01"),
      endsOn: new Date("2030-12-10"),
      orderDeadline: new Date(Date.now() + 7 * 86_400_000),
      status: "open",
      paymentType: options.paymentType ?? "dp",
    },
  });
  const products = [];
  for (const [i, p] of (options.products ?? [{ price: 150_000, stock: 10 }]).entries()) {
    products.push(
      await db.product.create({
        data: {
          tripId: trip.id,
          name: `Product ${i + 1}`,
          price: p.price,
          stockAvailable: p.stock,
          maxPerOrder: p.maxPerOrder ?? null,
        },
      }),
    );
  }
  return { user, host, trip, products };
}

/** A different Indonesian mobile number each call, so the open-orders-per-phone limit stays out of the way. */
export function randomPhone(): string {
  return `+62812${String(randomInt(10_000_000, 100_000_000))}`;
}

export function guestInput(
  tripId: string,
  items: { productId: string; quantity: number }[],
  key = randomUUID(),
  phone = randomPhone(),
) {
  return {
    trip: { id: tripId },
    idempotencyKey: key,
    guest: { name: "Sari", phone, shippingAddress: "Jl. Merdeka 1, Bandung" },
    items,
  };
}

export async function stockOf(db: Db, productId: string) {
  return (await db.product.findUniqueOrThrow({ where: { id: productId } })).stockAvailable;
}

export async function jobsFor(db: Db, orderId: string) {
  return db.$queryRaw<{ task_identifier: string; key: string | null; run_at: Date }[]>`
    select t.identifier as task_identifier, j.key, j.run_at
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where j.payload->>'orderId' = ${orderId}
       or j.payload->>'outboxId' in (select id::text from notification_outbox where order_id = ${orderId}::uuid)
    order by t.identifier, j.run_at`;
}

/** Places an order and forces it into `status` with whatever rows that status implies (for table tests). */
export async function orderIn(db: Db, tripId: string, productId: string, status: OrderStatus) {
  const placed = await placeOrder(db, guestInput(tripId, [{ productId, quantity: 1 }]));
  const id = placed.order.id;
  const dpKinds: OrderStatus[] = ["awaiting_validation", "rejected"];
  const finalKinds: OrderStatus[] = ["awaiting_final_validation"];
  if (dpKinds.includes(status))
    await db.payment.create({ data: { orderId: id, kind: "dp", amount: placed.order.dpAmount } });
  if (
    [
      "awaiting_final_payment",
      "awaiting_final_validation",
      "paid",
      "shipped",
      "delivered",
      "cancelled",
      "refunded",
    ].includes(status)
  ) {
    await db.payment.create({
      data: { orderId: id, kind: "dp", amount: placed.order.dpAmount, status: "accepted" },
    });
  }
  // What the final invoice of an order without fees comes to (the CHECK orders_final_amount_from_components).
  const finalAmount = Math.max(placed.order.subtotal - placed.order.dpAmount, 0);
  if (finalKinds.includes(status))
    await db.payment.create({ data: { orderId: id, kind: "final", amount: finalAmount } });
  await db.order.update({
    where: { id },
    data: {
      status,
      finalAmount: ["awaiting_final_payment", "awaiting_final_validation"].includes(status)
        ? finalAmount
        : null,
      refundOwed: ["rejected", "cancelled"].includes(status) ? placed.order.dpAmount : 0,
      validationDueAt: ["awaiting_validation", "awaiting_final_validation"].includes(status)
        ? new Date(Date.now() + 86_400_000)
        : null,
    },
  });
  return { ...placed, id };
}

/** Smallest valid files of each type, by magic bytes. */
export const files = {
  png: Uint8Array.from(
    Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    ),
  ),
  jpeg: Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    ...new Array(32).fill(0),
  ]),
  pdf: new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
  gif: new TextEncoder().encode("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
  text: new TextEncoder().encode("hello, this is not a picture of a transfer receipt"),
};

/** What a refused call threw, as the assertions read it: it must be a DomainError. */
export async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as DomainError | null;
  expect(error?.name).toBe("DomainError");
  return { code: error?.code, field: error?.details?.field, message: error?.message };
}
