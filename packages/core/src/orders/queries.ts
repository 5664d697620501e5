// Read models: what a guest sees through their token, and the host's inbox.
import { type Db, type OrderStatus, Prisma } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { ProofStorage } from "../proofs/storage.ts";
import { refundOwedSql } from "./refunds.ts";
import { assertActorMayTouch, loadOrder } from "./transition.ts";
import { type Actor, findTransition } from "./transitions.ts";

/** The guest's view of one order (already resolved from their token): no proof keys, no other orders. */
export async function getGuestOrder(db: Db, orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      code: true,
      status: true,
      guestName: true,
      guestPhone: true,
      guestEmail: true,
      shippingAddress: true,
      note: true,
      paymentType: true,
      subtotal: true,
      dpAmount: true,
      finalAmount: true,
      shippingFee: true,
      otherFees: true,
      refundOwed: true,
      paymentDueAt: true,
      validationDueAt: true,
      finalDueAt: true,
      deliveryDueAt: true,
      courier: true,
      trackingNumber: true,
      createdAt: true,
      items: {
        select: { productId: true, productName: true, unitPrice: true, quantity: true, lineTotal: true },
      },
      payments: {
        orderBy: { submittedAt: "asc" },
        select: {
          id: true,
          kind: true,
          amount: true,
          status: true,
          rejectReason: true,
          submittedAt: true,
          validatedAt: true,
        },
      },
      events: {
        orderBy: { id: "asc" },
        select: { fromStatus: true, toStatus: true, actorType: true, reason: true, createdAt: true },
      },
      trip: {
        select: {
          title: true,
          slug: true,
          host: {
            select: {
              displayName: true,
              bankAccounts: {
                orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
                select: { bankName: true, accountNumber: true, accountHolder: true, isPrimary: true },
              },
            },
          },
        },
      },
    },
  });
  if (!order) throw new DomainError("NOT_FOUND", "This order no longer exists.");
  // What the host accepted of the guest's payments (a refund payment is money going back, not paid in).
  const paid = order.payments
    .filter((payment) => payment.kind !== "refund" && payment.status === "accepted")
    .reduce((sum, payment) => sum + payment.amount, 0);
  return { ...order, paid, guestCan: await guestActions(db, order) };
}

/**
 * What the guest may do now, from the transition table (so the page offers exactly what core accepts), and
 * what a cancel would owe back by THE refund rule (refunds.ts), read before anything is closed.
 */
async function guestActions(db: Db, order: { id: string; status: OrderStatus; finalAmount: number | null }) {
  const may = (action: "cancel" | "submit_dp_proof" | "submit_final_proof" | "confirm_delivery") =>
    findTransition(order.status, action, "guest") !== undefined;
  const cancel = may("cancel");
  const [refund] = cancel
    ? await db.$queryRaw<{ owed: number }[]>`select ${refundOwedSql(Prisma.sql`${order.id}::uuid`)} as owed`
    : [];
  return {
    cancel,
    refundIfCancelled: refund?.owed ?? 0,
    /** Which proof the order waits for; a final proof only once the host has sent the invoice. */
    proof: may("submit_dp_proof")
      ? ("dp" as const)
      : may("submit_final_proof") && order.finalAmount !== null
        ? ("final" as const)
        : null,
    confirmDelivery: may("confirm_delivery"),
  };
}

/** One order in full for its host (or an admin). */
export async function getHostOrder(db: Db, input: { orderId: string; actor: Actor }) {
  assertActorMayTouch(await loadOrder(db, input.orderId), input.actor);
  return db.order.findUniqueOrThrow({
    where: { id: input.orderId },
    include: {
      items: true,
      payments: { orderBy: { submittedAt: "asc" }, omit: { proofKey: true } },
      events: { orderBy: { id: "asc" } },
      trip: { select: { id: true, title: true, slug: true } },
    },
  });
}

/** A proof's bytes for the order's host; never a public URL. */
export async function readPaymentProof(
  db: Db,
  storage: ProofStorage,
  input: { paymentId: string; actor: Actor },
) {
  const payment = isUuid(input.paymentId)
    ? await db.payment.findUnique({
        where: { id: input.paymentId },
        select: { orderId: true, proofKey: true, proofMime: true },
      })
    : null;
  const order = payment ? await loadOrder(db, payment.orderId) : null;
  assertActorMayTouch(order, input.actor);
  const file = payment?.proofKey ? await storage.get(payment.proofKey) : null;
  if (!file) throw new DomainError("NOT_FOUND", "This payment has no proof file.");
  return { bytes: file.bytes, mime: payment?.proofMime ?? file.mime };
}
