import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** One factory for the server (per request) and the browser (once), with superjson on both sides. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Long enough that data prefetched on the server is not fetched again as soon as it hydrates.
      queries: { staleTime: 30_000 },
      dehydrate: {
        serializeData: superjson.serialize,
        // Also send queries still in flight, so a prefetch need not be awaited to stream.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        // Server errors must not leak to the client; the client refetches and shows its own error.
        shouldRedactErrors: () => true,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
