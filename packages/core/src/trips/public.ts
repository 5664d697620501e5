import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";

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
