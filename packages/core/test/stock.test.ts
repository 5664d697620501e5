// Stock release follows what each line reserved, not the product's current limited/unlimited setting.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  cancelOrder,
  createLocalProofStorage,
  expireOverdueOrders,
  heldStock,
  placeOrder,
  rejectOverdueValidations,
  rejectPayment,
  submitDownPaymentProof,
  writeProductStock,
} from "../src/index.ts";
import { createHostWithTrip, files, guestInput, stockOf } from "./fixtures.ts";

const db = useTestDatabase();
let storage: ReturnType<typeof createLocalProofStorage>;
beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-proofs-")) });
});

const later = () => new Date(Date.now() + 3 * 86_400_000);

/** Four orders holding the product, one to end by each path: expiry, guest cancel, host reject, auto-reject. */
async function fourHolders(tripId: string, productId: string, quantities: [number, number, number, number]) {
  const place = (quantity: number) => placeOrder(db.prisma, guestInput(tripId, [{ productId, quantity }]));
  const [expiring, cancelling, rejecting, timingOut] = await Promise.all(quantities.map(place));
  for (const order of [rejecting, timingOut]) {
    await submitDownPaymentProof(db.prisma, storage, { orderId: order?.order.id ?? "", file: files.png });
  }
  return {
    async endAll(host: Actor) {
      await cancelOrder(db.prisma, { orderId: cancelling?.order.id ?? "", actor: { type: "guest" } });
      await rejectPayment(db.prisma, {
        orderId: rejecting?.order.id ?? "",
        actor: host,
        reason: "No transfer",
      });
      // The DP expires (payment_due_at) and the other proof times out (validation_due_at), by the sweeps.
      await db.prisma.order.update({
        where: { id: timingOut?.order.id ?? "" },
        data: { validationDueAt: new Date(Date.now() - 1000) },
      });
      const expiringId = expiring?.order.id ?? "";
      const timingOutId = timingOut?.order.id ?? "";
      expect(await expireOverdueOrders(db.prisma, { orderIds: [expiringId], now: later() })).toEqual([
        expiringId,
      ]);
      expect(await rejectOverdueValidations(db.prisma, { orderIds: [timingOutId] })).toEqual([timingOutId]);
    },
  };
}

describe("stock", () => {
  it("limited -> unlimited -> limited while orders hold it: ending them gives back nothing that was forgotten", async () => {
    const { trip, products, user } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 20 }],
    });
    const productId = products[0]?.id ?? "";
    const holders = await fourHolders(trip.id, productId, [1, 2, 3, 4]);
    expect(await stockOf(db.prisma, productId)).toBe(10);
    expect((await heldStock(db.prisma, [productId])).get(productId)).toBe(10);
    await db.prisma.$transaction((tx) => writeProductStock(tx, productId, null));
    await db.prisma.$transaction((tx) => writeProductStock(tx, productId, 5));
    await holders.endAll({ type: "host", id: user.id });
    // The host said 5 are available; the 10 units held under the old setting were let go when it went unlimited.
    expect(await stockOf(db.prisma, productId)).toBe(5);
    expect((await heldStock(db.prisma, [productId])).get(productId)).toBeUndefined();
  });

  it("unlimited -> limited while orders hold it: ending them leaves the new count exact", async () => {
    const { trip, products, user } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: null }],
    });
    const productId = products[0]?.id ?? "";
    const holders = await fourHolders(trip.id, productId, [1, 2, 3, 4]);
    await db.prisma.$transaction((tx) => writeProductStock(tx, productId, 7));
    // An order placed under the new setting reserves, and gives back exactly that.
    const fresh = await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 2 }]));
    expect(await stockOf(db.prisma, productId)).toBe(5);
    await holders.endAll({ type: "host", id: user.id });
    expect(await stockOf(db.prisma, productId)).toBe(5);
    await cancelOrder(db.prisma, { orderId: fresh.order.id, actor: { type: "guest" } });
    expect(await stockOf(db.prisma, productId)).toBe(7);
  });

  it("a release runs once: a second cancel, a re-run sweep and a late expiry job give nothing more back", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 9 }],
    });
    const productId = products[0]?.id ?? "";
    const cancelled = await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 4 }]));
    const expiring = await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 2 }]));
    expect(await stockOf(db.prisma, productId)).toBe(3);
    await cancelOrder(db.prisma, { orderId: cancelled.order.id, actor: { type: "guest" } });
    await expect(
      cancelOrder(db.prisma, { orderId: cancelled.order.id, actor: { type: "guest" } }),
    ).rejects.toThrow();
    const later = new Date(Date.now() + 24 * 3600_000);
    expect(await expireOverdueOrders(db.prisma, { now: later })).toContain(expiring.order.id);
    expect(await expireOverdueOrders(db.prisma, { now: later })).toEqual([]);
    expect(await expireOverdueOrders(db.prisma, { orderIds: [cancelled.order.id], now: later })).toEqual([]);
    expect(await stockOf(db.prisma, productId)).toBe(9);
    // The lines keep what the orders took; ended orders hold none of it.
    const items = await db.prisma.orderItem.findMany({ where: { orderId: cancelled.order.id } });
    expect(items.map((i) => [i.quantity, i.reservedQuantity])).toEqual([[4, 4]]);
    expect((await heldStock(db.prisma, [productId])).get(productId)).toBeUndefined();
  });
});
