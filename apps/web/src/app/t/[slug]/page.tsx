import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "../../../trpc/server";
import { TripView } from "./trip-view";

interface TripPageProps {
  params: Promise<{ slug: string }>;
}

/**
 * Loads the trip into this request's query cache (the client hydrates from it), or answers 404. Awaited
 * rather than prefetched so that a missing trip is a real 404 status, not a streamed error.
 */
async function loadTrip(slug: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.trip.bySlug.queryOptions({ slug }));
  } catch (error) {
    // BAD_REQUEST: a slug that cannot exist (uppercase, spaces) is just another missing page.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TripPageProps): Promise<Metadata> {
  const trip = await loadTrip((await params).slug);
  return {
    title: `${trip.title} · Nitip`,
    description: `Titip belanja dari ${trip.destination} lewat ${trip.host.displayName}.`,
  };
}

export default async function TripPage({ params }: TripPageProps) {
  const { slug } = await params;
  await loadTrip(slug);
  return (
    <HydrateClient>
      <TripView slug={slug} />
    </HydrateClient>
  );
}
