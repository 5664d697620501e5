// Limits a placement cannot get around: the merged quantity per product, and unpaid orders per phone per trip.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelOrder, createLocalProofStorage, placeOrder, submitDownPaymentProof } from "../src/index.ts";
import { createHostWithTrip, files, guestInput, randomPhone, stockOf } from "./fixtures.ts";

const db = useTestDatabase({ max: 30 });
let storage: ReturnType<typeof createLocalProofStorage>;
beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-proofs-")) });
});

describe("quantity limits", () => {
  it("the same product on 50 lines is one line of their sum, limited to 1000 and to the product's max per order", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 1_000, stock: null },
        { price: 1_000, stock: null, maxPerOrder: 5 },
      ],
    });
    const [open, capped] = products as [(typeof products)[0], (typeof products)[0]];
    const fifty = (productId: string, quantity: number) =>
      Array.from({ length: 50 }, () => ({ productId, quantity }));
    await expect(placeOrder(db.prisma, guestInput(trip.id, fifty(open.id, 1000)))).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: 'You can order at most 1000 of "Product 1".',
    });
    await expect(placeOrder(db.prisma, guestInput(trip.id, fifty(capped.id, 1)))).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: 'You can order at most 5 of "Product 2".',
    });
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(0);
    // At the limit it is one line of the sum.
    const placed = await placeOrder(db.prisma, guestInput(trip.id, fifty(open.id, 20)));
    const items = await db.prisma.orderItem.findMany({ where: { orderId: placed.order.id } });
    expect(items.map((i) => i.quantity)).toEqual([1000]);
  });
});

describe("unpaid orders per phone number per trip", () => {
  it("a fourth unpaid order is refused in words; paying (proof sent) still counts, cancelling frees a place", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 50 }],
    });
    const productId = products[0]?.id ?? "";
    const phone = randomPhone();
    const place = () =>
      placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }], undefined, phone));
    const first = await place();
    const second = await place();
    const thirdInput = guestInput(trip.id, [{ productId, quantity: 1 }], undefined, phone);
    const third = await placeOrder(db.prisma, thirdInput);
    await expect(place()).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "You already have 3 unpaid orders for this trip; pay or cancel one first.",
    });
    // A proof sent but not validated still holds stock without money the host has seen.
    await submitDownPaymentProof(db.prisma, storage, { orderId: first.order.id, file: files.png });
    await expect(place()).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await cancelOrder(db.prisma, { orderId: second.order.id, actor: { type: "guest" } });
    await place();
    // Another number, and the same number on another trip, are not affected.
    await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }]));
    const other = await createHostWithTrip(db.prisma);
    await placeOrder(
      db.prisma,
      guestInput(other.trip.id, [{ productId: other.products[0]?.id ?? "", quantity: 1 }], undefined, phone),
    );
    // A retry of an order already placed is answered with that order, not refused.
    const retried = await placeOrder(db.prisma, thirdInput);
    expect(retried).toMatchObject({ replayed: true, order: { id: third.order.id } });
    expect(await db.prisma.order.count({ where: { tripId: trip.id, guestPhone: phone } })).toBe(4);
  });

  it("the limit is read from platform_config", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 50 }],
    });
    const productId = products[0]?.id ?? "";
    const phone = randomPhone();
    await db.prisma.platformConfig.update({ where: { id: 1 }, data: { openOrdersPerPhone: 1 } });
    try {
      await placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }], undefined, phone));
      await expect(
        placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }], undefined, phone)),
      ).rejects.toMatchObject({
        code: "RATE_LIMITED",
        message: "You already have 1 unpaid order for this trip; pay or cancel one first.",
      });
    } finally {
      await db.prisma.platformConfig.update({ where: { id: 1 }, data: { openOrdersPerPhone: 3 } });
    }
  });

  it("20 placements at once from one number: exactly 3 orders, the rest refused, stock exact", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 50 }],
    });
    const productId = products[0]?.id ?? "";
    const phone = randomPhone();
    // Hold the product's row so that all 20 statements are in flight at once (each has counted the phone's
    // orders before it waits), then let them go together: a real race, not 20 placements one after another.
    let placing: Promise<PromiseSettledResult<unknown>[]> | undefined;
    await db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`select 1 from products where id = ${productId}::uuid for update`;
        placing = Promise.allSettled(
          Array.from({ length: 20 }, () =>
            placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }], undefined, phone)),
          ),
        );
        for (let i = 0; i < 500; i++) {
          const [row] = await db.prisma.$queryRaw<{ n: bigint }[]>`
            select count(*) as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query like '%nitip:place-order %'`;
          if (row && row.n >= 20n) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
      { timeout: 20_000 },
    );
    const results = (await placing) ?? [];
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(refused).toHaveLength(17);
    for (const error of refused) expect(String(error)).toMatch(/RATE|unpaid/);
    expect(await db.prisma.order.count({ where: { tripId: trip.id, guestPhone: phone } })).toBe(3);
    expect(await stockOf(db.prisma, productId)).toBe(47);
  });
});
