// The final invoice: what is left to pay on a DP order once the host bought the goods. Every component is
// stored on the order (subtotal, DP, shipping fee, other fees, and the amount they make), so the invoice can
// be shown again, and a CHECK (orders_final_amount_from_components) keeps the amount equal to its parts.
import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { orderWindows } from "./effects.ts";
import { guestNotification } from "./notifications.ts";
import { assertActorMayTouch, loadOrder, notifiedOrder, transitionOrder } from "./transition.ts";
import type { Actor } from "./transitions.ts";

/** Largest fee of one kind, and largest invoice total (an int4 column holds it). */
export const maxFee = 100_000_000;
const maxInvoiceTotal = 2_147_483_647;

export interface InvoiceComponents {
  subtotal: number;
  dpAmount: number;
  shippingFee: number;
  otherFees: number;
}

/** What the guest still pays: everything billed, less the DP already paid, never below 0. */
export function finalAmountOf(invoice: InvoiceComponents): number {
  return Math.max(invoice.subtotal + invoice.shippingFee + invoice.otherFees - invoice.dpAmount, 0);
}

function checkFees(shippingFee: number, otherFees: number) {
  for (const [field, value] of [
    ["shippingFee", shippingFee],
    ["otherFees", otherFees],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value > maxFee) {
      throw new DomainError("BAD_INPUT", "Fees are whole rupiah amounts from 0 to 100,000,000.", { field });
    }
  }
}

/**
 * The host bills the rest (goods bought, shipping, fees) on an order whose DP was accepted. May be re-issued
 * to correct it until the guest uploads the final proof.
 */
export async function issueFinalInvoice(
  db: Db,
  input: { orderId: string; actor: Actor; shippingFee: number; otherFees?: number },
) {
  const otherFees = input.otherFees ?? 0;
  checkFees(input.shippingFee, otherFees);
  const order = await loadOrder(db, input.orderId);
  assertActorMayTouch(order, input.actor);
  const windows = await orderWindows(db, order.tripId);
  const invoiceOf = (o: { subtotal: number; dpAmount: number }): InvoiceComponents => {
    const invoice = { subtotal: o.subtotal, dpAmount: o.dpAmount, shippingFee: input.shippingFee, otherFees };
    if (invoice.subtotal + invoice.shippingFee + invoice.otherFees > maxInvoiceTotal) {
      throw new DomainError(
        "BAD_INPUT",
        "The order total with these fees is larger than Rp 2,147,483,647; lower the shipping or other fees.",
        { field: "otherFees" },
      );
    }
    return invoice;
  };
  invoiceOf(order);
  const finalDueAt = (now: Date) => new Date(now.getTime() + windows.finalPaymentWindowMs);
  return transitionOrder(db, {
    orderId: input.orderId,
    action: "issue_final_invoice",
    actor: input.actor,
    reason: "Final invoice issued.",
    set: (o, _rule, now) => ({
      shippingFee: input.shippingFee,
      otherFees,
      finalAmount: finalAmountOf(invoiceOf(o)),
      finalDueAt: finalDueAt(now),
    }),
    effects: async ({ now, order: o, rule, eventId }) => {
      const invoice = invoiceOf(o);
      const finalAmount = finalAmountOf(invoice);
      return {
        result: { orderId: o.id, status: rule.to, ...invoice, finalAmount, finalDueAt: finalDueAt(now) },
        notifications: [
          guestNotification(notifiedOrder(o), "order.final_invoice", `ev${eventId}`, {
            finalAmount,
            shippingFee: invoice.shippingFee,
            otherFees: invoice.otherFees,
            finalDueAt: finalDueAt(now).toISOString(),
          }),
        ],
      };
    },
  });
}
