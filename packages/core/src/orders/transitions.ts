// The one order state machine. Every transition function looks its move up here before it touches a row,
// and the set-based deadline sweeps assert their moves against it at load time, so a rule cannot drift.
import type { OrderStatus } from "@nitip/db";
import { DomainError } from "../errors.ts";

export type ActorKind = "guest" | "host" | "admin" | "system";

export interface Actor {
  type: ActorKind;
  /** users.id for host/admin; omitted for guest (the token is the identity) and system. */
  id?: string;
}

export type OrderAction =
  | "submit_dp_proof"
  | "expire"
  | "cancel"
  | "accept_payment"
  | "reject_payment"
  | "validation_timeout"
  | "issue_final_invoice"
  | "submit_final_proof"
  | "ship"
  | "confirm_delivery"
  | "record_refund";

export interface TransitionRule {
  action: OrderAction;
  to: OrderStatus;
  actors: readonly ActorKind[];
  /** When one action from one status can land in two places (accepting a DP on a `full` trip). */
  when?: "dp_trip" | "full_trip";
}

const host = ["host", "admin"] as const;

/** from status -> the moves allowed out of it. Anything not listed is INVALID_TRANSITION. */
export const orderTransitions: Record<OrderStatus, readonly TransitionRule[]> = {
  pending_dp: [
    { action: "submit_dp_proof", to: "awaiting_validation", actors: ["guest"] },
    { action: "expire", to: "expired", actors: ["system"] },
    { action: "cancel", to: "cancelled", actors: ["guest", ...host] },
  ],
  awaiting_validation: [
    { action: "accept_payment", to: "awaiting_final_payment", actors: host, when: "dp_trip" },
    { action: "accept_payment", to: "paid", actors: host, when: "full_trip" },
    { action: "reject_payment", to: "rejected", actors: host },
    { action: "validation_timeout", to: "rejected", actors: ["system"] },
  ],
  awaiting_final_payment: [
    { action: "issue_final_invoice", to: "awaiting_final_payment", actors: host },
    { action: "submit_final_proof", to: "awaiting_final_validation", actors: ["guest"] },
    { action: "cancel", to: "cancelled", actors: host },
  ],
  awaiting_final_validation: [
    { action: "accept_payment", to: "paid", actors: host },
    { action: "reject_payment", to: "awaiting_final_payment", actors: host },
    // A final proof the host leaves unvalidated ends the order like an unvalidated DP (deadlines.ts says why).
    { action: "validation_timeout", to: "rejected", actors: ["system"] },
    { action: "cancel", to: "cancelled", actors: host },
  ],
  paid: [
    { action: "ship", to: "shipped", actors: host },
    { action: "cancel", to: "cancelled", actors: host },
  ],
  shipped: [{ action: "confirm_delivery", to: "delivered", actors: ["guest", "system"] }],
  delivered: [],
  expired: [],
  cancelled: [{ action: "record_refund", to: "refunded", actors: host }],
  rejected: [{ action: "record_refund", to: "refunded", actors: host }],
  refunded: [],
};

export const orderStatuses = Object.keys(orderTransitions) as OrderStatus[];

const actionWords: Record<OrderAction, string> = {
  submit_dp_proof: "receive a down-payment proof",
  expire: "expire",
  cancel: "be cancelled",
  accept_payment: "have a payment accepted",
  reject_payment: "have a payment rejected",
  validation_timeout: "be auto-rejected",
  issue_final_invoice: "get a final invoice",
  submit_final_proof: "receive a final-payment proof",
  ship: "be shipped",
  confirm_delivery: "be confirmed as delivered",
  record_refund: "be refunded",
};

/** The rule for `action` from `from` by `actor`, or undefined when the table has none. */
export function findTransition(
  from: OrderStatus,
  action: OrderAction,
  actor: ActorKind,
  paymentType?: "dp" | "full",
): TransitionRule | undefined {
  return orderTransitions[from].find(
    (rule) =>
      rule.action === action &&
      rule.actors.includes(actor) &&
      (rule.when === undefined || (rule.when === "dp_trip" ? paymentType === "dp" : paymentType === "full")),
  );
}

/** Like findTransition, but throws INVALID_TRANSITION in words when the table forbids the move. */
export function requireTransition(
  from: OrderStatus,
  action: OrderAction,
  actor: ActorKind,
  paymentType?: "dp" | "full",
): TransitionRule {
  const rule = findTransition(from, action, actor, paymentType);
  if (!rule) {
    const who = actor === "admin" ? "an admin" : `the ${actor}`;
    throw new DomainError(
      "INVALID_TRANSITION",
      `An order that is ${from.replaceAll("_", " ")} cannot ${actionWords[action]} by ${who}.`,
      { from, action, actor },
    );
  }
  return rule;
}
