// Every (status, action, actor) combination: the table's allowed moves succeed and land where the table
// says; every other combination is INVALID_TRANSITION and changes nothing.

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { OrderStatus } from "@nitip/db";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  type ActorKind,
  acceptPayment,
  cancelOrder,
  confirmDelivery,
  createLocalProofStorage,
  findTransition,
  issueFinalInvoice,
  type OrderAction,
  orderStatuses,
  recordRefund,
  rejectPayment,
  shipOrder,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "../src/index.ts";
import { createHostWithTrip, files, orderIn } from "./fixtures.ts";

const db = useTestDatabase();
let storage: ReturnType<typeof createLocalProofStorage>;
let fixture: Awaited<ReturnType<typeof createHostWithTrip>>;

beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-proofs-")) });
  fixture = await createHostWithTrip(db.prisma, { products: [{ price: 100_000, stock: 1000 }] });
});

type Call = (orderId: string, actor: Actor) => Promise<unknown>;
const calls: Record<
  Exclude<OrderAction, "expire" | "validation_timeout">,
  { actors: ActorKind[]; run: Call }
> = {
  submit_dp_proof: {
    actors: ["guest"],
    run: (orderId) => submitDownPaymentProof(db.prisma, storage, { orderId, file: files.png }),
  },
  submit_final_proof: {
    actors: ["guest"],
    run: (orderId) => submitFinalPaymentProof(db.prisma, storage, { orderId, file: files.pdf }),
  },
  cancel: {
    actors: ["guest", "host"],
    run: (orderId, actor) => cancelOrder(db.prisma, { orderId, actor, reason: "Sold out at the store" }),
  },
  accept_payment: { actors: ["host"], run: (orderId, actor) => acceptPayment(db.prisma, { orderId, actor }) },
  reject_payment: {
    actors: ["host"],
    run: (orderId, actor) => rejectPayment(db.prisma, { orderId, actor, reason: "Blurry photo" }),
  },
  issue_final_invoice: {
    actors: ["host"],
    run: (orderId, actor) => issueFinalInvoice(db.prisma, { orderId, actor, shippingFee: 15_000 }),
  },
  ship: {
    actors: ["host"],
    run: (orderId, actor) =>
      shipOrder(db.prisma, { orderId, actor, courier: "JNE", trackingNumber: "JNE123" }),
  },
  confirm_delivery: {
    actors: ["guest"],
    run: (orderId, actor) => confirmDelivery(db.prisma, { orderId, actor }),
  },
  record_refund: {
    actors: ["host"],
    run: (orderId, actor) => recordRefund(db.prisma, storage, { orderId, actor, file: files.jpeg }),
  },
};

/**
 * The moves PRODUCT.md allows, written out by hand (not read from the production table, so a wrong entry
 * there fails here): "from action actor" -> where a DP-trip order lands. Anything absent must be refused.
 */
const allowed: Record<string, OrderStatus> = {
  "pending_dp submit_dp_proof guest": "awaiting_validation",
  "pending_dp cancel guest": "cancelled",
  "pending_dp cancel host": "cancelled",
  "awaiting_validation accept_payment host": "awaiting_final_payment",
  "awaiting_validation reject_payment host": "rejected",
  "awaiting_final_payment issue_final_invoice host": "awaiting_final_payment",
  "awaiting_final_payment submit_final_proof guest": "awaiting_final_validation",
  "awaiting_final_payment cancel host": "cancelled",
  "awaiting_final_validation accept_payment host": "paid",
  "awaiting_final_validation reject_payment host": "awaiting_final_payment",
  "awaiting_final_validation cancel host": "cancelled",
  "paid ship host": "shipped",
  "paid cancel host": "cancelled",
  "shipped confirm_delivery guest": "delivered",
  "cancelled record_refund host": "refunded",
  "rejected record_refund host": "refunded",
};

/** The system's moves (deadline jobs and sweeps), also by hand. */
const allowedForSystem: Record<string, OrderStatus> = {
  "pending_dp expire": "expired",
  "awaiting_validation validation_timeout": "rejected",
  "awaiting_final_validation validation_timeout": "rejected",
  "shipped confirm_delivery": "delivered",
};

const allStatuses: OrderStatus[] = [
  "pending_dp",
  "awaiting_validation",
  "awaiting_final_payment",
  "awaiting_final_validation",
  "paid",
  "shipped",
  "delivered",
  "expired",
  "cancelled",
  "rejected",
  "refunded",
];

const cases = allStatuses.flatMap((from) =>
  Object.entries(calls).flatMap(([action, call]) =>
    call.actors.map((actorKind) => ({ from, action: action as OrderAction, actorKind, call })),
  ),
);

describe("transition table", () => {
  it.each(cases)("$from --$action by $actorKind", async ({ from, action, actorKind, call }) => {
    const order = await orderIn(
      db.prisma,
      fixture.trip.id,
      fixture.products[0]?.id ?? "",
      from as OrderStatus,
    );
    const actor: Actor = actorKind === "host" ? { type: "host", id: fixture.user.id } : { type: actorKind };
    const to = allowed[`${from} ${action} ${actorKind}`];
    // The production table agrees with the hand-written one (lookups by the functions below use it).
    expect(findTransition(from, action, actorKind, "dp")?.to).toBe(to);
    if (to) {
      await call.run(order.id, actor);
      const after = await db.prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { events: { orderBy: { id: "asc" } } },
      });
      expect(after.status).toBe(to);
      expect(after.events.at(-1)).toMatchObject({
        fromStatus: from,
        toStatus: to,
        actorType: actorKind,
      });
    } else {
      await expect(call.run(order.id, actor)).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
      const after = await db.prisma.order.findUniqueOrThrow({
        where: { id: order.id },
        include: { events: { orderBy: { id: "asc" } } },
      });
      expect(after.status).toBe(from);
      // Only the placement's creation event: a refused transition writes none.
      expect(after.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, "pending_dp"]]);
    }
  });

  it("the table has every status and, for the system, exactly the deadline moves written out above", () => {
    expect([...orderStatuses].sort()).toEqual([...allStatuses].sort());
    const actions: OrderAction[] = ["expire", "validation_timeout", "confirm_delivery", "cancel", "ship"];
    for (const from of allStatuses) {
      for (const action of actions) {
        expect(findTransition(from, action, "system", "dp")?.to, `${from} ${action}`).toBe(
          allowedForSystem[`${from} ${action}`],
        );
      }
    }
  });

  it("accepting the DP of a full-payment trip goes straight to paid; the stock stays sold", async () => {
    const full = await createHostWithTrip(db.prisma, {
      paymentType: "full",
      products: [{ price: 50_000, stock: 3 }],
    });
    const order = await orderIn(db.prisma, full.trip.id, full.products[0]?.id ?? "", "awaiting_validation");
    await acceptPayment(db.prisma, { orderId: order.id, actor: { type: "host", id: full.user.id } });
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("paid");
    expect(
      (await db.prisma.product.findUniqueOrThrow({ where: { id: full.products[0]?.id } })).stockAvailable,
    ).toBe(2);
  });

  it("a host cannot touch another host's order, and sees it as not found", async () => {
    const other = await createHostWithTrip(db.prisma);
    const order = await orderIn(
      db.prisma,
      fixture.trip.id,
      fixture.products[0]?.id ?? "",
      "awaiting_validation",
    );
    await expect(
      acceptPayment(db.prisma, { orderId: order.id, actor: { type: "host", id: other.user.id } }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await db.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(
      "awaiting_validation",
    );
  });

  it("two hosts' clicks racing on one proof: one wins, the other gets CONFLICT naming the new status", async () => {
    const order = await orderIn(
      db.prisma,
      fixture.trip.id,
      fixture.products[0]?.id ?? "",
      "awaiting_validation",
    );
    const actor: Actor = { type: "host", id: fixture.user.id };
    const results = await Promise.allSettled([
      acceptPayment(db.prisma, { orderId: order.id, actor }),
      rejectPayment(db.prisma, { orderId: order.id, actor, reason: "Wrong amount" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected");
    expect(
      loser?.status === "rejected" && ["CONFLICT", "INVALID_TRANSITION"].includes(loser.reason.code),
    ).toBe(true);
    // One event for the race (the placement wrote the creation event, null -> pending_dp).
    expect(
      await db.prisma.orderEvent.count({ where: { orderId: order.id, fromStatus: "awaiting_validation" } }),
    ).toBe(1);
  });

  it("rejecting a DP and cancelling release the stock once and record what is owed back", async () => {
    const trip = await createHostWithTrip(db.prisma, { products: [{ price: 100_000, stock: 5 }] });
    const productId = trip.products[0]?.id ?? "";
    const actor: Actor = { type: "host", id: trip.user.id };
    const a = await orderIn(db.prisma, trip.trip.id, productId, "awaiting_validation");
    const b = await orderIn(db.prisma, trip.trip.id, productId, "paid");
    expect((await db.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockAvailable).toBe(3);
    await rejectPayment(db.prisma, { orderId: a.id, actor, reason: "No transfer arrived" });
    await cancelOrder(db.prisma, { orderId: b.id, actor, reason: "Sold out in the store" });
    await expect(cancelOrder(db.prisma, { orderId: b.id, actor, reason: "again" })).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    expect((await db.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockAvailable).toBe(5);
    const [ra, rb] = await Promise.all(
      [a, b].map((o) => db.prisma.order.findUniqueOrThrow({ where: { id: o.id } })),
    );
    expect(ra?.refundOwed).toBe(a.order.dpAmount);
    expect(rb?.refundOwed).toBe(b.order.dpAmount);
    await expect(rejectPayment(db.prisma, { orderId: a.id, actor, reason: " " })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
  });
});
