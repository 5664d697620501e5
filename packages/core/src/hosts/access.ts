// Who may see which trip: a host sees only their own; an admin sees any. Everything else gets the same
// NOT_FOUND as a trip that does not exist, so ids of other hosts' trips reveal nothing.
import type { Db, Prisma, Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { Actor } from "../orders/transitions.ts";

/** The workspace actor: a signed-in host, or an admin acting on anyone's objects. */
export interface WorkspaceActor extends Actor {
  type: "host" | "admin";
  id: string;
}

/** The trips an actor may touch, as a Prisma filter. */
export function tripsOf(actor: WorkspaceActor): Prisma.TripWhereInput {
  return actor.type === "admin" ? {} : { host: { userId: actor.id } };
}

export function tripNotFound(): DomainError {
  return new DomainError("NOT_FOUND", "No such trip among your trips.");
}

/** The trip row if the actor may touch it; NOT_FOUND otherwise. */
export async function loadOwnedTrip(db: Db | Tx, actor: WorkspaceActor, tripId: string) {
  const trip = isUuid(tripId) ? await db.trip.findFirst({ where: { id: tripId, ...tripsOf(actor) } }) : null;
  if (!trip) throw tripNotFound();
  return trip;
}

/** The host profile id of a signed-in host; a host who has not onboarded yet is told to. */
export async function requireHostId(db: Db | Tx, userId: string): Promise<string> {
  const host = await db.hostProfile.findUnique({ where: { userId }, select: { id: true } });
  if (!host) {
    throw new DomainError(
      "FORBIDDEN",
      "Finish your host profile first (name, link, WhatsApp, bank account).",
    );
  }
  return host.id;
}
