// The tRPC endpoint over fetch, apart from the Next route so tests drive exactly what production serves.
import { redactError } from "@nitip/core";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { outageAsTRPCError } from "../db-outage";
import { retryAfterSeconds } from "./errors";
import { limitTrpcRequest } from "./request-limits";
import { appRouter } from "./root";
import type { TRPCContext } from "./trpc";

export async function handleTrpcRequest(
  request: Request,
  createContext: () => Promise<TRPCContext> | TRPCContext,
): Promise<Response> {
  const req = await limitTrpcRequest(request);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // Reading the session needs the database too: an outage there is the same 503.
    createContext: async () => {
      try {
        return await createContext();
      } catch (error) {
        throw outageAsTRPCError(error);
      }
    },
    responseMeta({ errors }) {
      const waits = errors.map(retryAfterSeconds).filter((seconds) => seconds !== null);
      return waits.length ? { headers: { "Retry-After": String(Math.max(...waits)) } } : {};
    },
    onError({ error, path, ctx }) {
      // Expected failures (not found, forbidden, bad input) are answers, not incidents.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // Redacted: a database error can quote the guest's name, phone or token back.
        const { message, stack } = redactError(error.cause ?? error);
        console.error(`[trpc] ${path ?? "?"} failed, request ${ctx?.requestId ?? "?"}: ${stack ?? message}`);
      }
    },
  });
}
