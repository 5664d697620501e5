// Proof uploads by the guest and their validation by the host. Every deadline is judged by the database's
// clock inside the conditional update (transitionOrder's `now`).
import type { Db } from "@nitip/db";
import { job } from "@nitip/jobs";
import { DomainError } from "../errors.ts";
import type { ProofStorage } from "../proofs/storage.ts";
import { orderWindows, requireReason, withStoredProof } from "./effects.ts";
import { guestNotification, hostNotification } from "./notifications.ts";
import { settleEndedOrder } from "./refunds.ts";
import { releaseStock } from "./stock.ts";
import {
  assertActorMayTouch,
  databaseNow,
  type LoadedOrder,
  loadOrder,
  notifiedOrder,
  transitionOrder,
} from "./transition.ts";
import { type Actor, requireTransition } from "./transitions.ts";

const guest: Actor = { type: "guest" };

function deadlinePassed(due: Date): DomainError {
  return new DomainError(
    "DEADLINE_PASSED",
    `The down-payment deadline passed at ${due.toISOString()}; this order can no longer be paid.`,
    { paymentDueAt: due.toISOString() },
  );
}

/** Loads the order for a guest's proof and refuses cheaply, before a file is stored, what the table forbids. */
async function loadForProof(db: Db, orderId: string, action: "submit_dp_proof" | "submit_final_proof") {
  const current = await loadOrder(db, orderId);
  assertActorMayTouch(current, guest);
  requireTransition(current.status, action, "guest");
  return { current, windows: await orderWindows(db, current.tripId) };
}

/**
 * pending_dp -> awaiting_validation, only while payment_due_at is after the database's now(), even if the
 * expiry job has not run yet; once it succeeds the order is out of pending_dp and no expiry can touch it.
 * Replaces the order's deadline job with the validation timeout.
 */
export async function submitDownPaymentProof(
  db: Db,
  storage: ProofStorage,
  input: { orderId: string; file: Uint8Array },
) {
  const { current, windows } = await loadForProof(db, input.orderId, "submit_dp_proof");
  if (current.paymentDueAt <= (await databaseNow(db))) throw deadlinePassed(current.paymentDueAt);
  const validationDueAt = (now: Date) => new Date(now.getTime() + windows.validationWindowMs);

  return withStoredProof(storage, current.id, input.file, (proof) =>
    transitionOrder(db, {
      orderId: current.id,
      action: "submit_dp_proof",
      actor: guest,
      where: (now) => ({ paymentDueAt: { gt: now } }),
      whereFailed: () => deadlinePassed(current.paymentDueAt),
      set: (_order, _rule, now) => ({ validationDueAt: validationDueAt(now) }),
      effects: async ({ tx, now, order, rule, eventId }) => {
        const payment = await createProofPayment(tx, order, "dp", order.dpAmount, proof, now);
        const who = notifiedOrder(order);
        return {
          result: {
            orderId: order.id,
            status: rule.to,
            paymentId: payment.id,
            validationDueAt: validationDueAt(now),
          },
          notifications: [
            guestNotification(who, "order.proof_received", `ev${eventId}`),
            hostNotification(who, "host.proof_submitted", `ev${eventId}`, {
              guestName: order.guestName,
              amount: order.dpAmount,
            }),
          ],
          jobs: [job("order:validation-timeout", { orderId: order.id }, { runAt: validationDueAt(now) })],
        };
      },
    }),
  );
}

/**
 * awaiting_final_payment -> awaiting_final_validation, once the host has issued the final invoice. The proof
 * gets its own validation deadline (the trip's validation window from now), with the same timeout job as a
 * DP proof: a host who does not validate in time does not keep the guest's money (see deadlines.ts).
 */
export async function submitFinalPaymentProof(
  db: Db,
  storage: ProofStorage,
  input: { orderId: string; file: Uint8Array },
) {
  const { current, windows } = await loadForProof(db, input.orderId, "submit_final_proof");
  const noInvoice = () =>
    new DomainError("CONFLICT", "The host has not sent the final invoice yet; wait for it before paying.");
  if (current.finalAmount === null) throw noInvoice();
  const validationDueAt = (now: Date) => new Date(now.getTime() + windows.validationWindowMs);

  return withStoredProof(storage, current.id, input.file, (proof) =>
    transitionOrder(db, {
      orderId: current.id,
      action: "submit_final_proof",
      actor: guest,
      guard: (order) => {
        if (order.finalAmount === null) throw noInvoice();
      },
      set: (_order, _rule, now) => ({ validationDueAt: validationDueAt(now) }),
      effects: async ({ tx, now, order, rule, eventId }) => {
        const payment = await createProofPayment(tx, order, "final", order.finalAmount ?? 0, proof, now);
        const who = notifiedOrder(order);
        return {
          result: {
            orderId: order.id,
            status: rule.to,
            paymentId: payment.id,
            validationDueAt: validationDueAt(now),
          },
          notifications: [
            guestNotification(who, "order.proof_received", `ev${eventId}`),
            hostNotification(who, "host.proof_submitted", `ev${eventId}`, {
              guestName: order.guestName,
              amount: order.finalAmount,
            }),
          ],
          jobs: [job("order:validation-timeout", { orderId: order.id }, { runAt: validationDueAt(now) })],
        };
      },
    }),
  );
}

function createProofPayment(
  tx: Parameters<Parameters<typeof transitionOrder>[1]["effects"]>[0]["tx"],
  order: LoadedOrder,
  kind: "dp" | "final",
  amount: number,
  proof: { key: string; mime: string; size: number },
  now: Date,
) {
  return tx.payment.create({
    data: {
      orderId: order.id,
      kind,
      amount,
      proofKey: proof.key,
      proofMime: proof.mime,
      proofSize: proof.size,
      submittedAt: now,
    },
    select: { id: true },
  });
}

/**
 * The host accepts the proof waiting for validation: a DP (-> awaiting_final_payment, or paid on a `full`
 * trip; the reservation becomes a sale) or a final payment (-> paid).
 */
export async function acceptPayment(db: Db, input: { orderId: string; actor: Actor }) {
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "accept_payment",
    actor: input.actor,
    effects: async ({ tx, now, order, rule, eventId }) => {
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
 * released, what the guest paid or says they paid owed back); a rejected final payment asks the guest to pay
 * again.
 */
export async function rejectPayment(db: Db, input: { orderId: string; actor: Actor; reason: string }) {
  const reason = requireReason(input.reason, "for rejecting the payment");
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "reject_payment",
    actor: input.actor,
    reason,
    effects: async ({ tx, now, order, rule, eventId }) => {
      const kind = order.status === "awaiting_validation" ? "dp" : "final";
      const closing = { reason, validatedById: input.actor.id ?? null };
      if (kind === "dp") {
        await settleEndedOrder(tx, order.id, closing);
        await releaseStock(tx, [order.id]);
      } else {
        await tx.payment.updateMany({
          where: { orderId: order.id, kind, status: "submitted" },
          data: {
            status: "rejected",
            rejectReason: reason,
            validatedAt: now,
            validatedById: closing.validatedById,
          },
        });
      }
      return {
        result: { orderId: order.id, status: rule.to },
        notifications: [
          guestNotification(notifiedOrder(order), "order.payment_rejected", `ev${eventId}`, { kind, reason }),
        ],
      };
    },
  });
}
