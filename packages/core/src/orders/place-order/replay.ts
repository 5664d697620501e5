// A placement whose idempotency key was already used: the same request gets its order back, with a fresh
// magic link; a different request under the same key is refused.
import type { Db } from "@nitip/db";
import { DomainError } from "../../errors.ts";
import { issueOrderAccessToken } from "../../tokens/order-access.ts";
import type { PlacementPlan } from "./plan.ts";
import type { PlacedOrder } from "./statement.ts";

export async function replay(db: Db, plan: PlacementPlan): Promise<PlacedOrder> {
  const existing = await db.order.findUnique({
    where: { tripId_idempotencyKey: { tripId: plan.trip.id, idempotencyKey: plan.key } },
    select: {
      id: true,
      code: true,
      status: true,
      paymentType: true,
      subtotal: true,
      dpAmount: true,
      paymentDueAt: true,
      requestHash: true,
    },
  });
  if (!existing)
    throw new DomainError("CONFLICT", "This order is still being placed; try again in a moment.");
  if (existing.requestHash !== plan.requestHash) {
    throw new DomainError(
      "IDEMPOTENCY_MISMATCH",
      "This idempotency key was already used for a different order. Send a new key for a new order, or resend exactly the same order to get it back.",
    );
  }
  const { token, expiresAt } = await issueOrderAccessToken(db, existing.id, {
    expiresAt: plan.tokenExpiresAt,
  });
  const { requestHash: _hash, ...order } = existing;
  return { order, token, tokenExpiresAt: expiresAt, replayed: true };
}
