// A trip's life: draft -> open -> closed -> completed, or cancelled from any of the first three. Each move is
// one conditional update on the status that was read, so two hosts' tabs (or a host and the order engine)
// racing each other get a CONFLICT naming the trip's current status, never a silent overwrite.
import type { Db, TripStatus, Tx } from "@nitip/db";
import { enqueue } from "@nitip/jobs";
import { DomainError } from "../errors.ts";
import { loadOwnedTrip, type WorkspaceActor } from "../hosts/access.ts";

export type TripAction = "publish" | "close" | "complete" | "cancel";

/** The one table of trip moves. */
export const tripMoves: Record<TripAction, { from: readonly TripStatus[]; to: TripStatus }> = {
  publish: { from: ["draft"], to: "open" },
  close: { from: ["open"], to: "closed" },
  complete: { from: ["closed"], to: "completed" },
  cancel: { from: ["draft", "open", "closed"], to: "cancelled" },
};

/** Orders whose goods or money are still moving: a trip cannot be completed or cancelled under them. */
export const ordersInProgress = [
  "pending_dp",
  "awaiting_validation",
  "awaiting_final_payment",
  "awaiting_final_validation",
  "paid",
] as const;

const actionWords: Record<TripAction, string> = {
  publish: "opened",
  close: "closed",
  complete: "completed",
  cancel: "cancelled",
};

function refuse(status: TripStatus, action: TripAction): DomainError {
  const allowed = tripMoves[action].from.join(" or ");
  return new DomainError(
    "INVALID_TRANSITION",
    `This trip is ${status}; only a ${allowed} trip can be ${actionWords[action]}.`,
    { from: status, action },
  );
}

async function ordersBlocking(tx: Tx, tripId: string, action: TripAction) {
  if (action !== "complete" && action !== "cancel") return null;
  const rows = await tx.$queryRaw<{ in_progress: number; refunds_owed: number }[]>`
    select count(*) filter (where status = any(${[...ordersInProgress]}::order_status[]))::int as in_progress,
           count(*) filter (where status in ('rejected', 'cancelled') and refund_owed > 0)::int as refunds_owed
    from orders where trip_id = ${tripId}::uuid`;
  const counts = rows[0] ?? { in_progress: 0, refunds_owed: 0 };
  if (counts.in_progress > 0) {
    return new DomainError(
      "CONFLICT",
      `${counts.in_progress} order(s) of this trip are still in progress; ship, cancel or let them expire before the trip can be ${actionWords[action]}.`,
      { inProgress: counts.in_progress },
    );
  }
  if (action === "complete" && counts.refunds_owed > 0) {
    return new DomainError(
      "CONFLICT",
      `${counts.refunds_owed} order(s) still owe the guest a refund; record the refunds before completing the trip.`,
      { refundsOwed: counts.refunds_owed },
    );
  }
  return null;
}

/** Moves a trip one step; `now` decides whether the order deadline has passed. */
export async function moveTrip(
  db: Db,
  input: { tripId: string; actor: WorkspaceActor; action: TripAction; now?: Date },
) {
  const now = input.now ?? new Date();
  const move = tripMoves[input.action];
  return db.$transaction(async (tx) => {
    const trip = await loadOwnedTrip(tx, input.actor, input.tripId);
    if (!move.from.includes(trip.status)) throw refuse(trip.status, input.action);
    if (input.action === "publish" && trip.orderDeadline <= now) {
      throw new DomainError(
        "DEADLINE_PASSED",
        "The order deadline has passed; move it to a later time before opening the trip.",
        { field: "orderDeadline" },
      );
    }
    const blocked = await ordersBlocking(tx, trip.id, input.action);
    if (blocked) throw blocked;
    const updated = await tx.trip.updateMany({
      where: { id: trip.id, status: trip.status },
      data: { status: move.to, ...(input.action === "publish" ? { publishedAt: now } : {}) },
    });
    if (updated.count !== 1) {
      const current = await tx.trip.findUnique({ where: { id: trip.id }, select: { status: true } });
      throw new DomainError(
        "CONFLICT",
        `This trip changed while you were acting on it: it is now ${current?.status ?? "gone"}. Reload and try again.`,
        { current: current?.status ?? null },
      );
    }
    if (input.action === "publish") await enqueue(tx, "trip:published", { tripId: trip.id });
    return tx.trip.findUniqueOrThrow({ where: { id: trip.id } });
  });
}

/**
 * Opens a draft trip for orders. The status change and the `trip:published` job commit together: a
 * rolled-back publish leaves no job behind, a committed one leaves exactly one.
 */
export async function publishTrip(db: Db, input: { tripId: string; hostUserId: string; now?: Date }) {
  return moveTrip(db, {
    tripId: input.tripId,
    actor: { type: "host", id: input.hostUserId },
    action: "publish",
    ...(input.now ? { now: input.now } : {}),
  });
}
