import { getPublicTripLive, getPublicTripVersioned, isDomainError, type PublicTripLive } from "@nitip/core";
import type { inferRouterOutputs } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { AppRouter } from "../../../server/api/root";
import { ZTripSlugSchema } from "../../../server/api/routers/trip";
import { getDatabase } from "../../../server/db";
import { processWide } from "../../../server/process-wide";

/** The trip as guest pages see it: the shape of `trip.bySlug`, which checkout re-reads. */
export type PublicTrip = inferRouterOutputs<AppRouter>["trip"]["bySlug"];
export type PublicProduct = PublicTrip["products"][number];

// The trip page's cache. Each request reads the figures that orders and time change (stock, status, deadline)
// live, in one indexed statement with a digest of everything else the page shows; that rest (texts, prices,
// products, host, bank accounts) is kept here under its digest and read whole only when the digest changed.
// So a stale figure is never shown, not even for a moment: an order committed by any web process, stock
// released by the worker's expiry, a host's edit or a closed trip is on the very next page load. Nothing has
// to be invalidated, so it holds across any number of web processes and for writes made by the worker.
// (Next's own caches are per process and invalidated by a `revalidateTag` in the process that wrote, which
// the worker and the other web processes cannot reach.)
const maxTrips = 500;
const contents = processWide(
  "tripPageContents",
  () => new Map<string, { version: string; trip: PublicTrip }>(),
);

function withLiveFigures(trip: PublicTrip, live: PublicTripLive): PublicTrip {
  return {
    ...trip,
    status: live.status,
    orderDeadline: live.orderDeadline,
    products: trip.products.map((product) => ({
      ...product,
      stockAvailable: live.stock.get(product.id) ?? null,
    })),
  };
}

/**
 * The trip for this request (metadata and page share one read), or a real 404: awaited rather than streamed
 * so that a missing trip answers with a 404 status.
 */
export const loadTrip = cache(async (slug: string): Promise<PublicTrip> => {
  // A slug that cannot exist (uppercase, spaces) is just another missing page.
  if (!ZTripSlugSchema.safeParse(slug).success) notFound();
  const db = getDatabase().prisma;
  const live = await getPublicTripLive(db, slug);
  if (!live) notFound();
  const kept = contents.get(slug);
  if (kept?.version === live.contentVersion && kept.trip.products.every((p) => live.stock.has(p.id))) {
    contents.delete(slug); // most recently used last, so the oldest is the first one out
    contents.set(slug, kept);
    return withLiveFigures(kept.trip, live);
  }
  try {
    // Content and digest from one snapshot; that snapshot's figures are newer than `live`'s, so use them.
    const fresh = await getPublicTripVersioned(db, slug);
    contents.delete(slug);
    contents.set(slug, { version: fresh.contentVersion, trip: fresh.trip });
    if (contents.size > maxTrips) contents.delete(contents.keys().next().value as string);
    return fresh.trip;
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) notFound();
    throw error;
  }
});
