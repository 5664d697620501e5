import type { inferRouterOutputs } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { AppRouter } from "../../../server/api/root";
import { getQueryClient, trpc } from "../../../trpc/server";

export type PublicTrip = inferRouterOutputs<AppRouter>["trip"]["bySlug"];
export type PublicProduct = PublicTrip["products"][number];

/**
 * The trip for this request (metadata and page share one read), or a real 404: awaited rather than streamed
 * so that a missing trip answers with a 404 status.
 */
export const loadTrip = cache(async (slug: string): Promise<PublicTrip> => {
  try {
    return await getQueryClient().fetchQuery(trpc.trip.bySlug.queryOptions({ slug }));
  } catch (error) {
    // BAD_REQUEST: a slug that cannot exist (uppercase, spaces) is just another missing page.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
});
