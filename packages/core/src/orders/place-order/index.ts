// Placing an order: the hot path, two round trips and no interactive transaction. One read of the trip, its
// config and the requested products (every rule is checked on it in TypeScript, with a fast SOLD_OUT), then
// ONE statement that re-checks what was read under row locks and writes the order, its items, its token, its
// outbox rows, its stock reservation and ONE add_jobs call (DP-expiry job + notify jobs) atomically. If the
// trip or a product changed in between, the statement aborts and the placement starts again from a fresh
// read. input.ts checks the request, plan.ts every rule, statement.ts holds the SQL, replay.ts the retries.
import type { Db } from "@nitip/db";
import { isCheckViolation, isNitipAssertion, isUniqueViolation, retryOnDeadlock } from "../../db-errors.ts";
import { DomainError } from "../../errors.ts";
import { type PlaceOrderInput, preparePlacement } from "./input.ts";
import { type PlacementPlan, type PlacementTripRow, planPlacement, tooManyOpenOrders } from "./plan.ts";
import { replay } from "./replay.ts";
import {
  buildPlacementStatement,
  type PlacedOrder,
  type PlacementGate,
  placementReadStatement,
  runPlacementSql,
} from "./statement.ts";

export {
  maxQuantityPerProduct,
  type PlaceOrderInput,
  type PreparedPlacement,
  preparePlacement,
} from "./input.ts";
export { type PlacementPlan, type PlacementTripRow, planPlacement } from "./plan.ts";
export {
  buildPlacementStatement,
  type PlacedOrder,
  type PlacementGate,
  placementReadStatement,
} from "./statement.ts";

export interface PlaceOrderOptions {
  /** Where the read and the placement statement wait their turn (the web app's per-process gate). */
  gate?: PlacementGate;
}

/** How often a placement re-reads and tries again when the trip, a product or a slot changed under it. */
const placementAttempts = 4;

export async function placeOrder(
  db: Db,
  input: PlaceOrderInput,
  options: PlaceOrderOptions = {},
): Promise<PlacedOrder> {
  const now = input.now ?? new Date();
  const prepared = preparePlacement(input);
  const productIds = prepared.items.map((item) => item.productId);

  for (let attempt = 1; ; attempt++) {
    // Every rule (trip open, products, quantities, stock, price, DP) is checked here, in TypeScript, on a
    // fresh read; the statement only re-checks that what was read is still true.
    const read = placementReadStatement(prepared.trip, productIds);
    const [row] = await runPlacementSql<PlacementTripRow>(db, options.gate, read, "read");
    const plan = planPlacement(row, prepared, now);
    try {
      const placed = await retryOnDeadlock(() => writeOrder(db, options.gate, plan, now));
      return placed ?? (await replay(db, plan));
    } catch (error) {
      if (isNitipAssertion(error, "nitip:open-orders-limit")) {
        throw tooManyOpenOrders(plan.trip.open_orders_per_phone);
      }
      const retry =
        isNitipAssertion(error, "nitip:placement-stale") ||
        isCheckViolation(error, "products_stock_available_not_negative") ||
        isUniqueViolation(error, "orders_code_key") ||
        // Another placement from this phone took the same free slot first; the next one decides.
        isUniqueViolation(error, "orders_open_slot_per_phone");
      if (!retry) throw error;
      // The next read refuses with the right DomainError (closed trip, SOLD_OUT naming the product, ...) or
      // prices the order again; a random order code that collided is simply drawn again.
      if (attempt >= placementAttempts) {
        throw new DomainError(
          "CONFLICT",
          "The trip or its products changed while the order was being placed; try again.",
        );
      }
    }
  }
}

/** The placement statement; undefined when the idempotency key was already taken (a replay). */
async function writeOrder(
  db: Db,
  gate: PlacementGate | undefined,
  plan: PlacementPlan,
  now: Date,
): Promise<PlacedOrder | undefined> {
  const statement = buildPlacementStatement(plan, now);
  const [inserted] = await runPlacementSql<{ id: string; token_expires_at: Date }>(
    db,
    gate,
    statement,
    "write",
  );
  return inserted ? { ...statement.placed, tokenExpiresAt: new Date(inserted.token_expires_at) } : undefined;
}
