import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "../../../../env";
import { appRouter } from "../../../../server/api/root";
import { createTRPCContext } from "../../../../server/api/trpc";
import { getSessionUser } from "../../../../server/auth/session";
import { getDatabase } from "../../../../server/db";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () =>
      createTRPCContext({
        db: getDatabase().prisma,
        headers: req.headers,
        user: await getSessionUser(req.headers),
        appBaseUrl: env.APP_BASE_URL,
      }),
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

export { handler as GET, handler as POST };
