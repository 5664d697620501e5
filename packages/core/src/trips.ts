import type { Db } from "@nitip/db";
import { enqueue } from "@nitip/jobs";
import { DomainError } from "./errors.ts";

/** The public trip page: an open (or closed, still viewable) trip and its visible products. */
export async function getPublicTrip(db: Db, slug: string) {
  const trip = await db.trip.findUnique({
    where: { slug },
    include: {
      host: {
        select: {
          displayName: true,
          slug: true,
          originCity: true,
          // Guests transfer to these after ordering; the trip page is where they are published.
          bankAccounts: {
            select: { bankName: true, accountNumber: true, accountHolder: true, isPrimary: true },
            orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
          },
        },
      },
      products: { where: { status: "active" }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] },
    },
  });
  if (!trip || trip.status === "draft" || trip.status === "cancelled") {
    throw new DomainError("NOT_FOUND", `No open trip is published at /t/${slug}.`);
  }
  return trip;
}

/**
 * Opens a draft trip for orders. The status change and the `trip:published` job commit together: a
 * rolled-back publish leaves no job behind, a committed one leaves exactly one.
 */
export async function publishTrip(db: Db, input: { tripId: string; hostUserId: string }) {
  return db.$transaction(async (tx) => {
    const trip = await tx.trip.findFirst({
      where: { id: input.tripId, host: { userId: input.hostUserId } },
      select: { id: true, status: true },
    });
    if (!trip) throw new DomainError("NOT_FOUND", "This trip does not exist or is not yours.");
    const updated = await tx.trip.updateMany({
      where: { id: trip.id, status: "draft" },
      data: { status: "open", publishedAt: new Date() },
    });
    if (updated.count !== 1) {
      throw new DomainError("CONFLICT", `Only a draft trip can be published; this one is ${trip.status}.`);
    }
    await enqueue(tx, "trip:published", { tripId: trip.id });
    return tx.trip.findUniqueOrThrow({ where: { id: trip.id } });
  });
}
