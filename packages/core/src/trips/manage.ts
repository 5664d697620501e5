// Creating and editing trips. The rules for the fields live here once; the forms' zod schemas only shape input.
import { randomBytes } from "node:crypto";
import type { Db, PaymentType } from "@nitip/db";
import { isUniqueViolation } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import { loadOwnedTrip, requireHostId, tripsOf, type WorkspaceActor } from "../hosts/access.ts";
import { hostSlugPattern, limits } from "../limits.ts";

export interface TripInput {
  title: string;
  destination: string;
  /** Calendar days (UTC midnight), as PostgreSQL `date`. */
  startsOn: Date;
  endsOn: Date;
  orderDeadline: Date;
  paymentType: PaymentType;
  /** Down payment percent for `dp` trips; null uses the platform default. */
  dpPercent?: number | null;
  /** Minutes a guest has to pay the DP; null uses the platform default. */
  dpWindowMinutes?: number | null;
}

const editable = ["draft", "open", "closed"] as const;
const dayMs = 86_400_000;

function bad(field: string, message: string): DomainError {
  return new DomainError("BAD_INPUT", message, { field });
}

function checkTrip(input: TripInput, now: Date, mustBeFuture: boolean) {
  const title = input.title.trim();
  const destination = input.destination.trim();
  const { tripTitle: t, destination: d, dpPercent: p, dpWindowMinutes: w } = limits;
  if (title.length < t.min || title.length > t.max) {
    throw bad("title", `The title is ${t.min} to ${t.max} characters.`);
  }
  if (destination.length < d.min || destination.length > d.max) {
    throw bad("destination", `The destination is ${d.min} to ${d.max} characters.`);
  }
  for (const field of ["startsOn", "endsOn", "orderDeadline"] as const) {
    if (Number.isNaN(input[field].getTime())) throw bad(field, "Enter a valid date.");
  }
  if (input.endsOn < input.startsOn) throw bad("endsOn", "The trip cannot end before it starts.");
  if (input.orderDeadline.getTime() > input.endsOn.getTime() + dayMs) {
    throw bad("orderDeadline", "The order deadline must be on or before the last day of the trip.");
  }
  if (mustBeFuture && input.orderDeadline <= now) {
    throw bad("orderDeadline", "The order deadline must be in the future.");
  }
  const dp = input.paymentType === "dp";
  const dpPercent = dp ? (input.dpPercent ?? null) : null;
  if (dpPercent !== null && (!Number.isInteger(dpPercent) || dpPercent < p.min || dpPercent > p.max)) {
    throw bad(
      "dpPercent",
      `The down payment is a whole percent from ${p.min} to ${p.max} (or pick full payment).`,
    );
  }
  const dpWindowMinutes = input.dpWindowMinutes ?? null;
  if (
    dpWindowMinutes !== null &&
    (!Number.isInteger(dpWindowMinutes) || dpWindowMinutes < w.min || dpWindowMinutes > w.max)
  ) {
    throw bad("dpWindowMinutes", `Guests get ${w.min} to ${w.max} minutes to pay.`);
  }
  return {
    title,
    destination,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    orderDeadline: input.orderDeadline,
    paymentType: input.paymentType,
    dpPercent,
    dpWindowMinutes,
  };
}

/** A readable public link: the title's words plus 4 random characters, so two "Tokyo Dec" trips never clash. */
function tripSlugFor(title: string): string {
  const words = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  const suffix = randomBytes(3).toString("hex").slice(0, 4);
  const slug = `${words || "trip"}-${suffix}`;
  return hostSlugPattern.test(slug) ? slug : `trip-${suffix}`;
}

export async function createTrip(db: Db, input: { actor: WorkspaceActor; trip: TripInput; now?: Date }) {
  const data = checkTrip(input.trip, input.now ?? new Date(), true);
  const hostId = await requireHostId(db, input.actor.id);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.trip.create({ data: { ...data, hostId, slug: tripSlugFor(data.title) } });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error, "slug")) continue;
      throw error;
    }
  }
}

/** Edits a trip that is not finished. Orders keep the prices and DP they were placed with. */
export async function updateTrip(
  db: Db,
  input: { actor: WorkspaceActor; tripId: string; trip: TripInput; now?: Date },
) {
  const current = await loadOwnedTrip(db, input.actor, input.tripId);
  if (!(editable as readonly string[]).includes(current.status)) {
    throw new DomainError(
      "INVALID_TRANSITION",
      `This trip is ${current.status} and can no longer be edited.`,
    );
  }
  const deadlineMoved = input.trip.orderDeadline.getTime() !== current.orderDeadline.getTime();
  const data = checkTrip(input.trip, input.now ?? new Date(), current.status === "open" && deadlineMoved);
  const updated = await db.trip.updateMany({ where: { id: current.id, status: current.status }, data });
  if (updated.count !== 1) {
    throw new DomainError("CONFLICT", "This trip changed while you were editing it. Reload and try again.");
  }
  return db.trip.findUniqueOrThrow({ where: { id: current.id } });
}

/** The actor's trips, newest first, with order and product counts. */
export async function listHostTrips(db: Db, input: { actor: WorkspaceActor }) {
  return db.trip.findMany({
    where: tripsOf(input.actor),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { _count: { select: { orders: true, products: true } } },
  });
}

export async function getHostTrip(db: Db, input: { actor: WorkspaceActor; tripId: string }) {
  const trip = await loadOwnedTrip(db, input.actor, input.tripId);
  const counts = await db.order.groupBy({
    by: ["status"],
    where: { tripId: trip.id },
    _count: { _all: true },
  });
  return {
    ...trip,
    orderCounts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number>,
  };
}
