"use client";

import { isServer, type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchStreamLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";
import { createQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every render gets its own client; in the browser one lives as long as the page, so a
  // suspense retry does not throw the cache away.
  if (isServer) return createQueryClient();
  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Relative: server-rendered pages prefetch through the in-process router (trpc/server.tsx), so this
        // link only ever runs in the browser, against the origin that served the page.
        splitLink({
          // Live updates (components/live) are subscriptions over server-sent events: one GET each, which
          // the browser's EventSource reconnects by itself.
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          false: httpBatchStreamLink({
            url: "/api/trpc",
            transformer: superjson,
            maxItems: 10, // the server refuses larger batches (server/api/request-limits.ts)
            headers: () => ({ "x-trpc-source": "nextjs-react" }),
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
