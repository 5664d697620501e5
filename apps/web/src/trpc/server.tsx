import "server-only";
import { dehydrate, type FetchQueryOptions, HydrationBoundary, type QueryKey } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { type AppRouter, appRouter } from "../server/api/root";
import { createTRPCContext } from "../server/api/trpc";
import { getSessionUser } from "../server/auth/session";
import { getDatabase } from "../server/db";
import { createQueryClient } from "./query-client";

// One context and one query client per request (React's `cache` is request-scoped on the server).
const createContext = cache(async () => {
  const requestHeaders = new Headers(await headers());
  requestHeaders.set("x-trpc-source", "rsc");
  const db = getDatabase().prisma;
  return createTRPCContext({ db, headers: requestHeaders, user: await getSessionUser(requestHeaders, db) });
});

export const getQueryClient = cache(createQueryClient);

/** Server components call procedures in-process through this proxy, no HTTP hop. */
export const trpc = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: createContext,
  queryClient: getQueryClient,
});

/** Starts a query on the server without waiting; the client picks up its result when it hydrates. */
export function prefetch<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  options: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey>,
): void {
  void getQueryClient().prefetchQuery(options);
}

/** Sends this request's query cache to the client components below it. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
