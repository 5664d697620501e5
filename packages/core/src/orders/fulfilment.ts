// Shipping, delivery, cancellation and refunds.
import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";
import type { ProofStorage } from "../proofs/storage.ts";
import { orderWindows, requireReason, withStoredProof } from "./effects.ts";
import { guestNotification, hostNotification } from "./notifications.ts";
import { settleEndedOrder } from "./refunds.ts";
import { releaseStock } from "./stock.ts";
import { assertActorMayTouch, loadOrder, notifiedOrder, transitionOrder } from "./transition.ts";
import { type Actor, requireTransition } from "./transitions.ts";

/** paid -> shipped, with courier and tracking number; starts the delivery-confirmation window. */
export async function shipOrder(
  db: Db,
  input: { orderId: string; actor: Actor; courier: string; trackingNumber: string },
) {
  const courier = input.courier.trim();
  const trackingNumber = input.trackingNumber.trim();
  if (!courier || !trackingNumber) {
    throw new DomainError("BAD_INPUT", "Enter the courier and the tracking number (resi).", {
      field: courier ? "trackingNumber" : "courier",
    });
  }
  const current = await loadOrder(db, input.orderId);
  assertActorMayTouch(current, input.actor);
  const { deliveryConfirmMs } = await orderWindows(db, current.tripId);
  const deliveryDueAt = (now: Date) => new Date(now.getTime() + deliveryConfirmMs);
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "ship",
    actor: input.actor,
    set: (_order, _rule, now) => ({ courier, trackingNumber, deliveryDueAt: deliveryDueAt(now) }),
    effects: async ({ now, order, rule, eventId }) => ({
      result: { orderId: order.id, status: rule.to, deliveryDueAt: deliveryDueAt(now) },
      notifications: [
        guestNotification(notifiedOrder(order), "order.shipped", `ev${eventId}`, { courier, trackingNumber }),
      ],
    }),
  });
}

/** shipped -> delivered, by the guest (the system does it in bulk with confirmOverdueDeliveries). */
export async function confirmDelivery(db: Db, input: { orderId: string; actor?: Actor }) {
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "confirm_delivery",
    actor: input.actor ?? { type: "guest" },
    effects: async ({ order, rule, eventId }) => ({
      result: { orderId: order.id, status: rule.to },
      notifications: [hostNotification(notifiedOrder(order), "host.order.delivered", `ev${eventId}`)],
    }),
  });
}

/**
 * -> cancelled. The guest may cancel an unpaid order; the host may cancel any order not yet shipped after its
 * DP (with a reason, e.g. sold out in the store). Stock goes back; every payment the guest made or claims to
 * have made is owed back.
 */
export async function cancelOrder(db: Db, input: { orderId: string; actor: Actor; reason?: string }) {
  const reason =
    input.actor.type === "guest"
      ? input.reason?.trim() || "Cancelled by the guest."
      : requireReason(input.reason, "for cancelling");
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "cancel",
    actor: input.actor,
    reason,
    effects: async ({ tx, order, rule, eventId }) => {
      const refundOwed = await settleEndedOrder(tx, order.id, { reason: "Order cancelled." });
      await releaseStock(tx, [order.id]);
      const who = notifiedOrder(order);
      return {
        result: { orderId: order.id, status: rule.to, refundOwed },
        notifications: [
          guestNotification(who, "order.cancelled", `ev${eventId}`, { reason, refundOwed }),
          hostNotification(who, "host.order.cancelled", `ev${eventId}`, {
            reason,
            refundOwed,
            by: input.actor.type,
          }),
        ],
      };
    },
  });
}

/** rejected/cancelled with money owed -> refunded; the host uploads the transfer proof. */
export async function recordRefund(
  db: Db,
  storage: ProofStorage,
  input: { orderId: string; actor: Actor; file: Uint8Array },
) {
  const current = await loadOrder(db, input.orderId);
  assertActorMayTouch(current, input.actor);
  requireTransition(current.status, "record_refund", input.actor.type);
  const nothingOwed = () =>
    new DomainError("CONFLICT", "No money was received for this order, so there is nothing to refund.");
  if (current.refundOwed <= 0) throw nothingOwed();
  return withStoredProof(storage, current.id, input.file, (proof) =>
    transitionOrder(db, {
      orderId: current.id,
      action: "record_refund",
      actor: input.actor,
      guard: (order) => {
        if (order.refundOwed <= 0) throw nothingOwed();
      },
      effects: async ({ tx, now, order, rule, eventId }) => {
        await tx.payment.create({
          data: {
            orderId: order.id,
            kind: "refund",
            amount: order.refundOwed,
            status: "recorded",
            proofKey: proof.key,
            proofMime: proof.mime,
            proofSize: proof.size,
            submittedAt: now,
            validatedAt: now,
            validatedById: input.actor.id ?? null,
          },
        });
        return {
          result: { orderId: order.id, status: rule.to, refunded: order.refundOwed },
          notifications: [
            guestNotification(notifiedOrder(order), "order.refunded", `ev${eventId}`, {
              amount: order.refundOwed,
            }),
          ],
        };
      },
    }),
  );
}
