// Proof uploads by the guest and their validation by the host.
import type { Db } from "@nitip/db";
import { job } from "@nitip/jobs";
import { DomainError } from "../errors.ts";
import type { ProofStorage } from "../proofs/storage.ts";
import { orderWindows, releaseOrderStock, requireReason, withStoredProof } from "./effects.ts";
import { guestNotification, hostNotification } from "./notifications.ts";
import { assertActorMayTouch, loadOrder, notifiedOrder, transitionOrder } from "./transition.ts";
import { type Actor, requireTransition } from "./transitions.ts";

const guest: Actor = { type: "guest" };

function deadlinePassed(due: Date): DomainError {
  return new DomainError(
    "DEADLINE_PASSED",
    `The down-payment deadline passed at ${due.toISOString()}; this order can no longer be paid.`,
    { paymentDueAt: due.toISOString() },
  );
}

/**
 * pending_dp -> awaiting_validation. Refused after payment_due_at even if the expiry job has not run yet; once
 * it succeeds the order is out of pending_dp and no expiry can touch it. Replaces the order's deadline job
 * (same key) with the validation timeout.
 */
export async function submitDownPaymentProof(
  db: Db,
  storage: ProofStorage,
  input: { orderId: string; file: Uint8Array; now?: Date },
) {
  const now = input.now ?? new Date();
  // Refuse cheaply before storing anything; the transaction checks all of it again.
  const current = await loadOrder(db, input.orderId);
  assertActorMayTouch(current, guest);
  requireTransition(current.status, "submit_dp_proof", "guest");
  if (current.paymentDueAt <= now) throw deadlinePassed(current.paymentDueAt);
  const windows = await orderWindows(db, current.tripId);
  const validationDueAt = new Date(now.getTime() + windows.validationWindowMs);

  return withStoredProof(storage, current.id, input.file, (proof) =>
    transitionOrder(db, {
      orderId: current.id,
      action: "submit_dp_proof",
      actor: guest,
      guard: (order) => {
        if (order.paymentDueAt <= now) throw deadlinePassed(order.paymentDueAt);
      },
      where: { paymentDueAt: { gt: now } },
      whereFailed: () => deadlinePassed(current.paymentDueAt),
      set: () => ({ validationDueAt }),
      effects: async ({ tx, order, rule, eventId }) => {
        const payment = await tx.payment.create({
          data: {
            orderId: order.id,
            kind: "dp",
            amount: order.dpAmount,
            proofKey: proof.key,
            proofMime: proof.mime,
            proofSize: proof.size,
            submittedAt: now,
          },
          select: { id: true },
        });
        const who = notifiedOrder(order);
        return {
          result: { orderId: order.id, status: rule.to, paymentId: payment.id, validationDueAt },
          notifications: [
            guestNotification(who, "order.proof_received", `ev${eventId}`),
            hostNotification(who, "host.proof_submitted", `ev${eventId}`, {
              guestName: order.guestName,
              amount: order.dpAmount,
            }),
          ],
          jobs: [
            job(
              "order:validation-timeout",
              { orderId: order.id },
              { runAt: validationDueAt, jobKey: `order:${order.id}:deadline` },
            ),
          ],
        };
      },
    }),
  );
}

/** awaiting_final_payment -> awaiting_final_validation, once the host has issued the final invoice. */
export async function submitFinalPaymentProof(
  db: Db,
  storage: ProofStorage,
  input: { orderId: string; file: Uint8Array; now?: Date },
) {
  const now = input.now ?? new Date();
  const current = await loadOrder(db, input.orderId);
  assertActorMayTouch(current, guest);
  requireTransition(current.status, "submit_final_proof", "guest");
  const noInvoice = () =>
    new DomainError("CONFLICT", "The host has not sent the final invoice yet; wait for it before paying.");
  if (current.finalAmount === null) throw noInvoice();

  return withStoredProof(storage, current.id, input.file, (proof) =>
    transitionOrder(db, {
      orderId: current.id,
      action: "submit_final_proof",
      actor: guest,
      guard: (order) => {
        if (order.finalAmount === null) throw noInvoice();
      },
      effects: async ({ tx, order, rule, eventId }) => {
        const payment = await tx.payment.create({
          data: {
            orderId: order.id,
            kind: "final",
            amount: order.finalAmount ?? 0,
            proofKey: proof.key,
            proofMime: proof.mime,
            proofSize: proof.size,
            submittedAt: now,
          },
          select: { id: true },
        });
        const who = notifiedOrder(order);
        return {
          result: { orderId: order.id, status: rule.to, paymentId: payment.id },
          notifications: [
            guestNotification(who, "order.proof_received", `ev${eventId}`),
            hostNotification(who, "host.proof_submitted", `ev${eventId}`, {
              guestName: order.guestName,
              amount: order.finalAmount,
            }),
          ],
        };
      },
    }),
  );
}

/**
 * The host accepts the proof waiting for validation: a DP (-> awaiting_final_payment, or paid on a `full`
 * trip; the reservation becomes a sale) or a final payment (-> paid).
 */
export async function acceptPayment(db: Db, input: { orderId: string; actor: Actor; now?: Date }) {
  const now = input.now ?? new Date();
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "accept_payment",
    actor: input.actor,
    effects: async ({ tx, order, rule, eventId }) => {
      const kind = order.status === "awaiting_validation" ? "dp" : "final";
      await tx.payment.updateMany({
        where: { orderId: order.id, kind, status: "submitted" },
        data: { status: "accepted", validatedAt: now, validatedById: input.actor.id ?? null },
      });
      return {
        result: { orderId: order.id, status: rule.to },
        notifications: [
          guestNotification(notifiedOrder(order), "order.payment_accepted", `ev${eventId}`, {
            kind,
            nextStatus: rule.to,
          }),
        ],
      };
    },
  });
}

/**
 * The host rejects the proof waiting for validation, with a reason. A rejected DP ends the order (stock
 * released, the DP owed back in case money moved); a rejected final payment asks the guest to pay again.
 */
export async function rejectPayment(
  db: Db,
  input: { orderId: string; actor: Actor; reason: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const reason = requireReason(input.reason, "for rejecting the payment");
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "reject_payment",
    actor: input.actor,
    reason,
    set: (order) => (order.status === "awaiting_validation" ? { refundOwed: order.dpAmount } : {}),
    effects: async ({ tx, order, rule, eventId }) => {
      const kind = order.status === "awaiting_validation" ? "dp" : "final";
      await tx.payment.updateMany({
        where: { orderId: order.id, kind, status: "submitted" },
        data: {
          status: "rejected",
          rejectReason: reason,
          validatedAt: now,
          validatedById: input.actor.id ?? null,
        },
      });
      if (kind === "dp") await releaseOrderStock(tx, order.id);
      return {
        result: { orderId: order.id, status: rule.to },
        notifications: [
          guestNotification(notifiedOrder(order), "order.payment_rejected", `ev${eventId}`, { kind, reason }),
        ],
      };
    },
  });
}

/**
 * The host bills the rest (goods bought, shipping, fees) on an order whose DP was accepted. May be re-issued
 * to correct it until the guest uploads the final proof.
 */
export async function issueFinalInvoice(
  db: Db,
  input: { orderId: string; actor: Actor; shippingFee: number; otherFees?: number; now?: Date },
) {
  const now = input.now ?? new Date();
  const otherFees = input.otherFees ?? 0;
  for (const [field, value] of [
    ["shippingFee", input.shippingFee],
    ["otherFees", otherFees],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 100_000_000) {
      throw new DomainError("BAD_INPUT", "Fees are whole rupiah amounts from 0 to 100,000,000.", { field });
    }
  }
  const order = await loadOrder(db, input.orderId);
  assertActorMayTouch(order, input.actor);
  const windows = await orderWindows(db, order.tripId);
  const finalDueAt = new Date(now.getTime() + windows.finalPaymentWindowMs);
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "issue_final_invoice",
    actor: input.actor,
    reason: "Final invoice issued.",
    set: (o) => ({
      shippingFee: input.shippingFee,
      finalAmount: Math.max(o.subtotal + input.shippingFee + otherFees - o.dpAmount, 0),
      finalDueAt,
    }),
    effects: async ({ order: o, rule, eventId }) => {
      const finalAmount = Math.max(o.subtotal + input.shippingFee + otherFees - o.dpAmount, 0);
      return {
        result: { orderId: o.id, status: rule.to, finalAmount, finalDueAt },
        notifications: [
          guestNotification(notifiedOrder(o), "order.final_invoice", `ev${eventId}`, {
            finalAmount,
            finalDueAt: finalDueAt.toISOString(),
          }),
        ],
      };
    },
  });
}
