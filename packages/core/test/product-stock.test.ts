// Products: adding, editing and hiding, and stock edits while orders hold units. The figure a host edits is
// "units still available"; units held by orders stay on their order_items, so releases stay exact.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import {
  addProduct,
  cancelOrder,
  listTripProducts,
  placeOrder,
  setProductHidden,
  setProductStock,
  updateProductDetails,
  type WorkspaceActor,
} from "../src/index.ts";
import { createHostWithTrip, guestInput, refusal, stockOf } from "./fixtures.ts";

const db = useTestDatabase();

async function setup(stock: number | null = 5) {
  const fixture = await createHostWithTrip(db.prisma, { products: [{ price: 100_000, stock }] });
  const actor: WorkspaceActor = { type: "host", id: fixture.user.id };
  return { ...fixture, actor, productId: fixture.products[0]?.id ?? "" };
}

describe("products", () => {
  it("adds a product with limited or unlimited stock and refuses bad fields by name", async () => {
    const { actor, trip } = await setup();
    const added = await addProduct(db.prisma, {
      actor,
      tripId: trip.id,
      product: {
        name: "Tokyo Banana",
        price: 85_000,
        stockAvailable: null,
        maxPerOrder: 3,
        imageUrl: "https://img.example/b.jpg",
      },
    });
    expect(added).toMatchObject({ stockAvailable: null, maxPerOrder: 3, status: "active" });
    const cases: [Partial<Parameters<typeof addProduct>[1]["product"]>, string][] = [
      [{ price: 10 }, "price"],
      [{ imageUrl: "http://img.example/b.jpg" }, "imageUrl"],
      [{ imageUrl: "javascript:alert(1)" }, "imageUrl"],
      [{ stockAvailable: -1 }, "stockAvailable"],
      [{ maxPerOrder: 0 }, "maxPerOrder"],
    ];
    for (const [product, field] of cases) {
      const refused = await refusal(
        addProduct(db.prisma, {
          actor,
          tripId: trip.id,
          product: { name: "Kit Kat", price: 50_000, stockAvailable: 4, ...product },
        }),
      );
      expect(refused).toMatchObject({ code: "BAD_INPUT", field });
    }
    expect(await db.prisma.product.count({ where: { tripId: trip.id } })).toBe(2);
  });

  it("shows remaining, reserved and sold units", async () => {
    const { actor, trip, productId } = await setup(5);
    await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 2 }]));
    const [listed] = await listTripProducts(db.prisma, { actor, tripId: trip.id });
    expect(listed).toMatchObject({ stockAvailable: 3, reservedUnits: 2, soldUnits: 0 });
  });

  it("keeps held units exact through a stock edit, a switch to unlimited and back, and the release", async () => {
    const { actor, trip, productId } = await setup(5);
    const placed = await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 2 }]));
    expect(await stockOf(db.prisma, productId)).toBe(3);

    await setProductStock(db.prisma, { actor, productId, expected: 3, stockAvailable: 10 });
    expect(await stockOf(db.prisma, productId)).toBe(10);
    await cancelOrder(db.prisma, { orderId: placed.order.id, actor: { type: "guest" } });
    expect(await stockOf(db.prisma, productId)).toBe(12); // the 2 held units come back on top of the 10

    const second = await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 4 }]));
    await setProductStock(db.prisma, { actor, productId, expected: 8, stockAvailable: null });
    await cancelOrder(db.prisma, { orderId: second.order.id, actor: { type: "guest" } });
    expect(await stockOf(db.prisma, productId)).toBeNull(); // unlimited stays unlimited
    await setProductStock(db.prisma, { actor, productId, expected: null, stockAvailable: 4 });
    expect(await stockOf(db.prisma, productId)).toBe(4);
  });

  it("refuses an edit made against a figure that orders changed meanwhile, and changes nothing", async () => {
    const { actor, trip, productId } = await setup(5);
    await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }]));
    expect(
      await refusal(setProductStock(db.prisma, { actor, productId, expected: 5, stockAvailable: 20 })),
    ).toMatchObject({
      code: "CONFLICT",
      field: "stockAvailable",
      message: expect.stringContaining("4 available now (you saw 5)"),
    });
    expect(await stockOf(db.prisma, productId)).toBe(4);
  });

  it("racing a guest's order, the edit either lands on the figure the host saw or is refused; no unit appears or vanishes", async () => {
    for (let round = 0; round < 6; round++) {
      const { actor, trip, productId } = await setup(5);
      const [edit, order] = await Promise.allSettled([
        setProductStock(db.prisma, { actor, productId, expected: 5, stockAvailable: 20 }),
        placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }])),
      ]);
      expect(order.status).toBe("fulfilled");
      const held = await db.prisma.orderItem.aggregate({ where: { productId }, _sum: { quantity: true } });
      expect(held._sum.quantity).toBe(1);
      // Edit first: 20 available, then the order takes 1 (19 + 1). Order first: the edit is refused (4 + 1).
      const total = ((await stockOf(db.prisma, productId)) ?? 0) + 1;
      expect(total).toBe(edit.status === "fulfilled" ? 20 : 5);
    }
  });

  it("hides and shows a product, edits details, and gives another host NOT_FOUND", async () => {
    const { actor, productId } = await setup(5);
    const other = await setup(5);
    expect((await setProductHidden(db.prisma, { actor, productId, hidden: true })).status).toBe("hidden");
    expect((await setProductHidden(db.prisma, { actor, productId, hidden: false })).status).toBe("active");
    const edited = await updateProductDetails(db.prisma, {
      actor,
      productId,
      product: { name: "Royce Nama", price: 120_000 },
    });
    expect(edited).toMatchObject({ name: "Royce Nama", price: 120_000, stockAvailable: 5 });
    // Thunks, started one at a time: promises created together would reject before the loop awaits them
    // (an unhandled rejection that fails the run).
    for (const attempt of [
      () => setProductHidden(db.prisma, { actor: other.actor, productId, hidden: true }),
      () => setProductStock(db.prisma, { actor: other.actor, productId, expected: 5, stockAvailable: 0 }),
      () =>
        updateProductDetails(db.prisma, {
          actor: other.actor,
          productId,
          product: { name: "Mine", price: 1_000 },
        }),
    ]) {
      expect(await refusal(attempt())).toMatchObject({
        code: "NOT_FOUND",
        message: "No such product among your trips.",
      });
    }
    expect(await db.prisma.product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject({
      name: "Royce Nama",
      status: "active",
      stockAvailable: 5,
    });
  });
});
