// The trip page's reads: the live figures (stock, status, deadline) and the digest of everything else it
// shows. The page keeps content in memory under the digest, so the digest must change with every edit a
// guest would see and must not change with an order, or the page would show stale content or miss its cache.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import {
  expireUnpaidOrder,
  getPublicTrip,
  getPublicTripLive,
  getPublicTripVersioned,
  moveTrip,
  placeOrder,
  updateProductDetails,
} from "../src/index.ts";
import { createHostWithTrip, guestInput } from "./fixtures.ts";

const db = useTestDatabase();

async function live(slug: string) {
  const figures = await getPublicTripLive(db.prisma, slug);
  if (!figures) throw new Error(`no public trip at ${slug}`);
  return figures;
}

describe("the trip page's live figures and content digest", () => {
  it("reads each order's stock at once and keeps the digest across orders and their expiry", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 100_000, stock: 5 },
        { price: 50_000, stock: null },
      ],
    });
    const [limited, unlimited] = products.map((p) => p.id) as [string, string];
    const before = await live(trip.slug);
    expect(Object.fromEntries(before.stock)).toEqual({ [limited]: 5, [unlimited]: null });
    expect(before.status).toBe("open");
    expect(before.orderDeadline).toEqual(trip.orderDeadline);

    const placed = await placeOrder(db.prisma, guestInput(trip.id, [{ productId: limited, quantity: 2 }]));
    const afterOrder = await live(trip.slug);
    expect(afterOrder.stock.get(limited)).toBe(3);
    expect(afterOrder.contentVersion).toBe(before.contentVersion);

    // The worker's expiry gives the units back; the page reads them on its next load.
    expect(await expireUnpaidOrder(db.prisma, placed.order.id, new Date(Date.now() + 30 * 86_400_000))).toBe(
      true,
    );
    const afterExpiry = await live(trip.slug);
    expect(afterExpiry.stock.get(limited)).toBe(5);
    expect(afterExpiry.contentVersion).toBe(before.contentVersion);
  });

  it("changes the digest with every edit a guest sees", async () => {
    const { user, host, trip, products } = await createHostWithTrip(db.prisma);
    const productId = products[0]?.id ?? "";
    const p = db.prisma;
    const edits: [string, () => Promise<unknown>][] = [
      [
        "product name and price (through the host's edit)",
        () =>
          updateProductDetails(db.prisma, {
            actor: { type: "host", id: user.id },
            productId,
            product: { name: "Tokyo Banana", price: 120_000 },
          }),
      ],
      ["description", () => p.product.update({ where: { id: productId }, data: { description: "8 pcs" } })],
      ["max per order", () => p.product.update({ where: { id: productId }, data: { maxPerOrder: 2 } })],
      ["photo", () => p.product.update({ where: { id: productId }, data: { imageUrl: "https://x.test/a" } })],
      [
        "a new product",
        () => p.product.create({ data: { tripId: trip.id, name: "Kit Kat", price: 60_000, sortOrder: 5 } }),
      ],
      ["product order", () => p.product.update({ where: { id: productId }, data: { sortOrder: 9 } })],
      ["a hidden product", () => p.product.update({ where: { id: productId }, data: { status: "hidden" } })],
      ["trip title", () => p.trip.update({ where: { id: trip.id }, data: { title: "Tokyo Januari" } })],
      [
        "trip dates",
        () => p.trip.update({ where: { id: trip.id }, data: { endsOn: new Date("2030-12-20") } }),
      ],
      ["payment type", () => p.trip.update({ where: { id: trip.id }, data: { paymentType: "full" } })],
      ["host name", () => p.hostProfile.update({ where: { id: host.id }, data: { displayName: "Sari" } })],
      ["host city", () => p.hostProfile.update({ where: { id: host.id }, data: { originCity: "Bandung" } })],
      [
        "a bank account",
        () =>
          p.bankAccount.create({
            data: { hostId: host.id, bankName: "BCA", accountNumber: "123", accountHolder: "Sari" },
          }),
      ],
    ];
    const seen = new Set([(await live(trip.slug)).contentVersion]);
    for (const [what, edit] of edits) {
      await edit();
      const version = (await live(trip.slug)).contentVersion;
      expect(seen.has(version), `${what} left the digest unchanged`).toBe(false);
      seen.add(version);
      // The content read under a digest is that digest's content.
      const versioned = await getPublicTripVersioned(db.prisma, trip.slug);
      expect(versioned.contentVersion).toBe(version);
      expect(versioned.trip).toEqual(await getPublicTrip(db.prisma, trip.slug));
    }
  });

  it("shows a closed trip as closed and a cancelled one not at all", async () => {
    const { user, trip } = await createHostWithTrip(db.prisma);
    const actor = { type: "host", id: user.id } as const;
    const before = await live(trip.slug);
    await moveTrip(db.prisma, { tripId: trip.id, actor, action: "close" });
    const closed = await live(trip.slug);
    expect(closed.status).toBe("closed");
    expect(closed.contentVersion).toBe(before.contentVersion);
    await db.prisma.trip.update({ where: { id: trip.id }, data: { status: "cancelled" } });
    expect(await getPublicTripLive(db.prisma, trip.slug)).toBeNull();
    expect(await getPublicTripLive(db.prisma, "no-such-trip")).toBeNull();
  });
});
