import { randomUUID } from "node:crypto";
import type { Tx } from "@nitip/db";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import {
  downPaymentFor,
  hashToken,
  isDomainError,
  placeOrder,
  resolveOrderAccessToken,
} from "../src/index.ts";
import { createHostWithTrip, guestInput, jobsFor, randomPhone, stockOf } from "./fixtures.ts";

const db = useTestDatabase({ max: 50 });

/**
 * Runs `change` in a transaction that stays open until a placement statement is seen waiting for its row
 * locks, then commits: the placement read the old state and must notice the new one inside its statement.
 */
async function changeWhilePlacing<T>(change: (tx: Tx) => Promise<unknown>, place: () => Promise<T>) {
  let placing: Promise<T> | undefined;
  await db.prisma.$transaction(
    async (tx) => {
      await change(tx);
      placing = place();
      placing.catch(() => {});
      for (let i = 0; ; i++) {
        const [row] = await db.prisma.$queryRaw<{ n: bigint }[]>`
          select count(*) as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%nitip:place-order%'`;
        if (row && row.n > 0n) break;
        if (i > 500) throw new Error("the placement never waited for the changed row");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    { timeout: 20_000 },
  );
  return placing as Promise<T>;
}

/** Rows in every table a placement writes (this test file has its own database; its tests run one by one). */
async function rowCounts() {
  const [row] = await db.prisma.$queryRaw<Record<string, bigint>[]>`
    select (select count(*) from orders) as orders, (select count(*) from order_items) as items,
           (select count(*) from guest_access_tokens) as tokens, (select count(*) from order_events) as events,
           (select count(*) from notification_outbox) as outbox,
           (select count(*) from graphile_worker._private_jobs) as jobs`;
  return row;
}

describe("placeOrder", () => {
  it("snapshots prices, reserves stock, issues a token and schedules one deadline job plus notify jobs", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 150_000, stock: 10 },
        { price: 20_000, stock: null },
      ],
    });
    const [limited, unlimited] = products as [(typeof products)[0], (typeof products)[0]];
    const placed = await placeOrder(
      db.prisma,
      guestInput(
        trip.id,
        [
          { productId: limited.id, quantity: 2 },
          { productId: unlimited.id, quantity: 1 },
          { productId: limited.id, quantity: 1 },
        ],
        randomUUID(),
        "0812-3456-7891",
      ),
    );
    expect(placed.order).toMatchObject({ status: "pending_dp", subtotal: 470_000, dpAmount: 94_000 });
    expect(placed.order.code).toMatch(/^NTP-[2-9A-HJKMNP-Z]{6}-[2-9A-HJKMNP-Z]$/);
    expect(placed.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stockOf(db.prisma, limited.id)).toBe(7);
    expect(await stockOf(db.prisma, unlimited.id)).toBeNull();
    const row = await db.prisma.order.findUniqueOrThrow({
      where: { id: placed.order.id },
      include: { items: true },
    });
    expect(row.guestPhone).toBe("+6281234567891");
    expect(row.items.map((i) => [i.unitPrice, i.quantity, i.lineTotal]).sort()).toEqual([
      [150_000, 3, 450_000],
      [20_000, 1, 20_000],
    ]);
    const jobs = await jobsFor(db.prisma, placed.order.id);
    expect(jobs.map((j) => j.task_identifier)).toEqual(["notify:send", "notify:send", "order:expire-dp"]);
    expect(jobs[2]?.key).toBe(`order:${placed.order.id}:deadline`);
    expect(jobs[2]?.run_at.getTime()).toBe(placed.order.paymentDueAt.getTime());
    const tokens = await db.prisma.guestAccessToken.findMany({ where: { orderId: placed.order.id } });
    expect(tokens).toHaveLength(1);
    // The database holds a digest of the token, never the token: not its 32 random bytes, not its text, and
    // the stored value is the digest the lookup recomputes from the token.
    const stored = Buffer.from(tokens[0]?.tokenHash ?? []);
    expect(stored).toHaveLength(32);
    expect(stored.equals(Buffer.from(placed.token, "base64url"))).toBe(false);
    expect(stored.equals(Buffer.from(placed.token).subarray(0, 32))).toBe(false);
    expect(stored.equals(Buffer.from(hashToken(placed.token)))).toBe(true);
    await expect(resolveOrderAccessToken(db.prisma, placed.token)).resolves.toMatchObject({
      orderId: placed.order.id,
    });
    const events = await db.prisma.orderEvent.findMany({ where: { orderId: placed.order.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      fromStatus: null,
      toStatus: "pending_dp",
      actorType: "guest",
      actorId: null,
    });
  });

  it("computes DP as max(ceil(subtotal x %), 10,000), capped at the subtotal; full trips pay everything", () => {
    const rule = { paymentType: "dp" as const, dpPercent: 20, minDownPayment: 10_000 };
    expect(downPaymentFor(100_001, rule)).toBe(20_001);
    expect(downPaymentFor(30_000, rule)).toBe(10_000);
    expect(downPaymentFor(5_000, rule)).toBe(5_000);
    expect(downPaymentFor(100_000, { ...rule, paymentType: "full" })).toBe(100_000);
  });

  it("refuses bad phone numbers, sold-out stock, max-per-order, foreign products and closed trips with clear errors", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 2, maxPerOrder: 3 }],
    });
    const other = await createHostWithTrip(db.prisma);
    const p = products[0];
    if (!p) throw new Error("fixture");
    const bad = { ...guestInput(trip.id, [{ productId: p.id, quantity: 1 }]) };
    await expect(
      placeOrder(db.prisma, { ...bad, guest: { ...bad.guest, phone: "12345" } }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("not a valid WhatsApp number"),
    });
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId: p.id, quantity: 4 }])),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: 'You can order at most 3 of "Product 1".',
    });
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId: p.id, quantity: 3 }])),
    ).rejects.toMatchObject({
      code: "SOLD_OUT",
      message: 'Only 2 of "Product 1" left; lower the quantity.',
    });
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId: p.id, quantity: 1.5 }])),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    const foreign = other.products[0]?.id ?? "";
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId: foreign, quantity: 1 }])),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await db.prisma.trip.update({
      where: { id: trip.id },
      data: { orderDeadline: new Date(Date.now() - 1000) },
    });
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId: p.id, quantity: 1 }])),
    ).rejects.toMatchObject({
      code: "DEADLINE_PASSED",
    });
    await db.prisma.trip.update({
      where: { id: trip.id },
      data: { orderDeadline: new Date(Date.now() + 60_000), status: "closed" },
    });
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId: p.id, quantity: 1 }])),
    ).rejects.toMatchObject({
      code: "DEADLINE_PASSED",
    });
    expect(await stockOf(db.prisma, p.id)).toBe(2);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(0);
  });

  it("200 concurrent buyers for 20 units: exactly 20 orders, the rest SOLD_OUT, stock 0", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 50_000, stock: 20 }],
    });
    const productId = products[0]?.id ?? "";
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }])),
      ),
    );
    const sold = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(sold).toHaveLength(20);
    expect(refused).toHaveLength(180);
    expect(refused.every((r) => isDomainError(r.reason, "SOLD_OUT"))).toBe(true);
    expect(await stockOf(db.prisma, productId)).toBe(0);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(20);
    const items = await db.prisma.orderItem.aggregate({ where: { productId }, _sum: { quantity: true } });
    expect(items._sum.quantity).toBe(20);
  });

  it("10 concurrent submits with one idempotency key make one order; a different body under that key is refused", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma);
    const productId = products[0]?.id ?? "";
    const key = randomUUID();
    const phone = randomPhone();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 1 }], key, phone)),
      ),
    );
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.token)).size).toBe(10);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(1);
    expect(await stockOf(db.prisma, productId)).toBe(9);
    await expect(
      placeOrder(db.prisma, guestInput(trip.id, [{ productId, quantity: 2 }], key, phone)),
    ).rejects.toMatchObject({
      code: "IDEMPOTENCY_MISMATCH",
      message: expect.stringContaining("already used for a different order"),
    });
  });

  it("a failure mid-transaction leaves no order, no item, no token, no outbox row, no job and no reservation", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 10_000, stock: 5 },
        { price: 10_000, stock: 5 },
      ],
    });
    const [a, b] = products as [(typeof products)[0], (typeof products)[0]];
    // The second product's reservation fails after the order, items, token, outbox rows, jobs and the first
    // product's reservation were written in the same transaction.
    await db.prisma.$executeRawUnsafe(`
      create function fail_reservation() returns trigger language plpgsql as $$
      begin raise exception 'simulated crash during reservation'; end $$`);
    await db.prisma.$executeRawUnsafe(
      `create trigger fail_b before update on products for each row when (old.id = '${b.id}') execute function fail_reservation()`,
    );
    const before = await rowCounts();
    await expect(
      placeOrder(
        db.prisma,
        guestInput(trip.id, [
          { productId: a.id, quantity: 2 },
          { productId: b.id, quantity: 1 },
        ]),
      ),
    ).rejects.toThrow(/simulated crash/);
    await db.prisma.$executeRawUnsafe("drop trigger fail_b on products");
    // Every table the placement writes has exactly the rows it had: a leaked row counts wherever it points.
    expect(await rowCounts()).toEqual(before);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(0);
    expect(await stockOf(db.prisma, a.id)).toBe(5);
    expect(await stockOf(db.prisma, b.id)).toBe(5);
  });

  it("a price changed between the read and the write is noticed in the statement and the order priced again", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 100_000, stock: 5 },
        { price: 40_000, stock: null },
      ],
    });
    const [limited, unlimited] = products as [(typeof products)[0], (typeof products)[0]];
    for (const product of [limited, unlimited]) {
      const placed = await changeWhilePlacing(
        (tx) => tx.product.update({ where: { id: product.id }, data: { price: product.price + 5_000 } }),
        () => placeOrder(db.prisma, guestInput(trip.id, [{ productId: product.id, quantity: 2 }])),
      );
      expect(placed.order.subtotal).toBe((product.price + 5_000) * 2);
      const items = await db.prisma.orderItem.findMany({ where: { orderId: placed.order.id } });
      expect(items.map((i) => [i.unitPrice, i.quantity])).toEqual([[product.price + 5_000, 2]]);
    }
    expect(await stockOf(db.prisma, limited.id)).toBe(3);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(2);
  });

  it("a trip closed between the read and the write refuses the order and writes nothing", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 100_000, stock: 5 },
        { price: 40_000, stock: null },
      ],
    });
    const [limited, unlimited] = products as [(typeof products)[0], (typeof products)[0]];
    const jobsBefore = await db.prisma.$queryRaw<
      { n: bigint }[]
    >`select count(*) as n from graphile_worker._private_jobs`;
    const placing = changeWhilePlacing(
      (tx) => tx.trip.update({ where: { id: trip.id }, data: { status: "closed" } }),
      () =>
        placeOrder(
          db.prisma,
          guestInput(trip.id, [
            { productId: limited.id, quantity: 1 },
            { productId: unlimited.id, quantity: 1 },
          ]),
        ),
    );
    await expect(placing).rejects.toMatchObject({
      code: "DEADLINE_PASSED",
      message: "This trip is no longer taking orders.",
    });
    const jobsAfter = await db.prisma.$queryRaw<
      { n: bigint }[]
    >`select count(*) as n from graphile_worker._private_jobs`;
    expect(jobsAfter[0]?.n).toBe(jobsBefore[0]?.n);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(0);
    expect(await stockOf(db.prisma, limited.id)).toBe(5);
  });

  it("stock taken between the read and the write is refused as SOLD_OUT naming the product, nothing written", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 100_000, stock: 3 }],
    });
    const product = products[0];
    if (!product) throw new Error("fixture");
    const placingPhone = randomPhone();
    const placing = changeWhilePlacing(
      (tx) => tx.product.update({ where: { id: product.id }, data: { stockAvailable: 1 } }),
      () =>
        placeOrder(
          db.prisma,
          guestInput(trip.id, [{ productId: product.id, quantity: 2 }], randomUUID(), placingPhone),
        ),
    );
    await expect(placing).rejects.toMatchObject({
      code: "SOLD_OUT",
      message: 'Only 1 of "Product 1" left; lower the quantity.',
    });
    expect(await stockOf(db.prisma, product.id)).toBe(1);
    expect(await db.prisma.order.count({ where: { tripId: trip.id } })).toBe(0);
    expect(await db.prisma.notificationOutbox.count({ where: { recipient: placingPhone } })).toBe(0);
  });
});
