// The tRPC endpoint over fetch, apart from the Next route so tests drive exactly what production serves.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { retryAfterSeconds } from "./errors";
import { appRouter } from "./root";
import type { TRPCContext } from "./trpc";

export function handleTrpcRequest(req: Request, createContext: () => Promise<TRPCContext> | TRPCContext) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    responseMeta({ errors }) {
      const waits = errors.map(retryAfterSeconds).filter((seconds) => seconds !== null);
      return waits.length ? { headers: { "Retry-After": String(Math.max(...waits)) } } : {};
    },
    onError({ error, path, ctx }) {
      // Expected failures (not found, forbidden, bad input) are answers, not incidents.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(
          `[trpc] ${path ?? "?"} failed, request ${ctx?.requestId ?? "?"}:`,
          error.cause ?? error,
        );
      }
    },
  });
}
