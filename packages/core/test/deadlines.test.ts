import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  confirmOverdueDeliveries,
  createLocalProofStorage,
  expireOverdueOrders,
  expireUnpaidOrder,
  placeOrder,
  rejectOverdueValidations,
  rejectUnvalidatedOrder,
  shipOrder,
  submitDownPaymentProof,
} from "../src/index.ts";
import { createHostWithTrip, files, guestInput, jobsFor, orderIn, stockOf } from "./fixtures.ts";

const db = useTestDatabase({ max: 40 });
let storage: ReturnType<typeof createLocalProofStorage>;
beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-proofs-")) });
});

async function placeMany(tripId: string, productId: string, n: number) {
  const placed = [];
  for (let i = 0; i < n; i++)
    placed.push(await placeOrder(db.prisma, guestInput(tripId, [{ productId, quantity: 1 }])));
  return placed;
}

describe("deadlines are data", () => {
  it("judges a DP proof by the database's clock: refused after payment_due_at even when the app server's clock is behind, and stores nothing", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma);
    const [placed] = await placeMany(trip.id, products[0]?.id ?? "", 1);
    const orderId = placed?.order.id ?? "";
    // The deadline passed a second ago by the database's clock; no expiry has run.
    await db.prisma
      .$executeRaw`update orders set payment_due_at = now() - interval '1 second' where id = ${orderId}::uuid`;
    // The app server's clock is an hour slow: by its reckoning the deadline is still ahead.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 3_600_000 });
    try {
      await expect(
        submitDownPaymentProof(db.prisma, storage, { orderId, file: files.png }),
      ).rejects.toMatchObject({ code: "DEADLINE_PASSED" });
    } finally {
      vi.useRealTimers();
    }
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("pending_dp");
    expect(await db.prisma.payment.count({ where: { orderId } })).toBe(0);
  });

  it("a proof in time replaces the deadline job with the validation timeout, and expiry can no longer touch the order", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma);
    const productId = products[0]?.id ?? "";
    const [placed] = await placeMany(trip.id, productId, 1);
    const orderId = placed?.order.id ?? "";
    const result = await submitDownPaymentProof(db.prisma, storage, { orderId, file: files.png });
    const deadlineJobs = (await jobsFor(db.prisma, orderId)).filter(
      (j) => j.key === `order:${orderId}:deadline`,
    );
    expect(deadlineJobs).toEqual([
      {
        task_identifier: "order:validation-timeout",
        key: `order:${orderId}:deadline`,
        run_at: result.validationDueAt,
      },
    ]);
    const afterDue = new Date((placed?.order.paymentDueAt.getTime() ?? 0) + 60_000);
    expect(await expireUnpaidOrder(db.prisma, orderId, afterDue)).toBe(false);
    expect(await expireOverdueOrders(db.prisma, { now: afterDue })).not.toContain(orderId);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(
      "awaiting_validation",
    );
    expect(await stockOf(db.prisma, productId)).toBe(9);
    const payment = await db.prisma.payment.findFirstOrThrow({ where: { orderId } });
    expect(payment).toMatchObject({
      kind: "dp",
      status: "submitted",
      proofMime: "image/png",
      amount: placed?.order.dpAmount,
    });
    expect(await storage.get(payment.proofKey ?? "")).toMatchObject({ mime: "image/png" });
  });

  it("expiry racing a proof upload at the deadline: exactly one wins each time and stock stays consistent", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [{ price: 10_000, stock: 100 }],
    });
    const productId = products[0]?.id ?? "";
    const placed = await placeMany(trip.id, productId, 20);
    const outcomes = await Promise.all(
      placed.map(async (p) => {
        const due = p.order.paymentDueAt.getTime();
        const [proof, expiry] = await Promise.allSettled([
          submitDownPaymentProof(db.prisma, storage, { orderId: p.order.id, file: files.png }),
          expireUnpaidOrder(db.prisma, p.order.id, new Date(due)),
        ]);
        const proofWon = proof.status === "fulfilled";
        const expiryWon = expiry.status === "fulfilled" && expiry.value;
        return { proofWon, expiryWon };
      }),
    );
    for (const o of outcomes) expect(Number(o.proofWon) + Number(o.expiryWon)).toBe(1);
    const statuses = await db.prisma.order.groupBy({
      by: ["status"],
      where: { tripId: trip.id },
      _count: true,
    });
    const count = (s: string) => statuses.find((g) => g.status === s)?._count ?? 0;
    expect(count("expired") + count("awaiting_validation")).toBe(20);
    expect(count("expired")).toBe(outcomes.filter((o) => o.expiryWon).length);
    expect(await stockOf(db.prisma, productId)).toBe(100 - count("awaiting_validation"));
    expect(await db.prisma.payment.count({ where: { order: { tripId: trip.id, status: "expired" } } })).toBe(
      0,
    );
  });

  it("set-based expiry releases stock exactly once when run twice and when run concurrently", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma, {
      products: [
        { price: 10_000, stock: 60 },
        { price: 10_000, stock: null },
      ],
    });
    const [limited, unlimited] = products;
    const placed = [];
    for (let i = 0; i < 40; i++) {
      placed.push(
        await placeOrder(
          db.prisma,
          guestInput(trip.id, [
            { productId: limited?.id ?? "", quantity: 1 },
            { productId: unlimited?.id ?? "", quantity: 2 },
          ]),
        ),
      );
    }
    expect(await stockOf(db.prisma, limited?.id ?? "")).toBe(20);
    const now = new Date(Date.now() + 31 * 60_000);
    // Ten sweepers at once with small batches, then twice more.
    const batches = await Promise.all(
      Array.from({ length: 10 }, () => expireOverdueOrders(db.prisma, { now, limit: 7 })),
    );
    const rest: string[] = [];
    for (
      let ids = await expireOverdueOrders(db.prisma, { now, limit: 7 });
      ids.length > 0;
      ids = await expireOverdueOrders(db.prisma, { now, limit: 7 })
    ) {
      rest.push(...ids);
    }
    const all = [...batches.flat(), ...rest];
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(await expireOverdueOrders(db.prisma, { now })).toEqual([]);
    expect(await stockOf(db.prisma, limited?.id ?? "")).toBe(60);
    expect(await stockOf(db.prisma, unlimited?.id ?? "")).toBeNull();
    expect(
      await db.prisma.orderEvent.count({
        where: { order: { tripId: trip.id }, toStatus: "expired", actorType: "system" },
      }),
    ).toBe(40);
    expect(
      await db.prisma.notificationOutbox.count({
        where: { order: { tripId: trip.id }, templateKey: "order.expired" },
      }),
    ).toBe(40);
    // The per-order job for an order the sweep already expired does nothing.
    expect(await expireUnpaidOrder(db.prisma, placed[0]?.order.id ?? "", now)).toBe(false);
  });

  it("only orders that are due move: a deadline in the future is left alone", async () => {
    const { trip, products } = await createHostWithTrip(db.prisma);
    const [placed] = await placeMany(trip.id, products[0]?.id ?? "", 1);
    expect(await expireUnpaidOrder(db.prisma, placed?.order.id ?? "")).toBe(false);
    expect(await expireOverdueOrders(db.prisma, { orderIds: [placed?.order.id ?? ""] })).toEqual([]);
  });

  it("an unvalidated proof is rejected after validation_due_at: stock back, DP owed, both sides told", async () => {
    const { trip, products, user } = await createHostWithTrip(db.prisma, {
      products: [{ price: 100_000, stock: 5 }],
    });
    const productId = products[0]?.id ?? "";
    const order = await orderIn(db.prisma, trip.id, productId, "awaiting_validation");
    expect(await rejectUnvalidatedOrder(db.prisma, order.id)).toBe(false);
    const later = new Date(Date.now() + 2 * 86_400_000);
    const results = await Promise.all([
      rejectUnvalidatedOrder(db.prisma, order.id, later),
      rejectOverdueValidations(db.prisma, { now: later }),
    ]);
    expect(Number(results[0]) + results[1].filter((id) => id === order.id).length).toBe(1);
    const after = await db.prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { payments: true },
    });
    expect(after).toMatchObject({ status: "rejected", refundOwed: order.order.dpAmount });
    expect(after.payments[0]?.status).toBe("rejected");
    expect(await stockOf(db.prisma, productId)).toBe(5);
    const told = await db.prisma.notificationOutbox.findMany({
      where: { orderId: order.id, templateKey: { contains: "auto_rejected" } },
    });
    expect(told.map((n) => n.templateKey).sort()).toEqual([
      "host.order.auto_rejected",
      "order.auto_rejected",
    ]);

    const paid = await orderIn(db.prisma, trip.id, productId, "paid");
    const shipped = await shipOrder(db.prisma, {
      orderId: paid.id,
      actor: { type: "host", id: user.id },
      courier: "JNE",
      trackingNumber: "X1",
    });
    expect(await confirmOverdueDeliveries(db.prisma, { orderIds: [paid.id] })).toEqual([]);
    expect(
      await confirmOverdueDeliveries(db.prisma, { now: new Date(shipped.deliveryDueAt.getTime() + 1) }),
    ).toEqual([paid.id]);
  });
});
