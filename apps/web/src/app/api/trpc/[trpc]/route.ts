import { env } from "../../../../env";
import { handleTrpcRequest } from "../../../../server/api/http";
import { createTRPCContext } from "../../../../server/api/trpc";
import { getSessionUser } from "../../../../server/auth/session";
import { getDatabase } from "../../../../server/db";

function handler(req: Request) {
  return handleTrpcRequest(req, async () =>
    createTRPCContext({
      db: getDatabase().prisma,
      headers: req.headers,
      user: await getSessionUser(req.headers),
      appBaseUrl: env.APP_BASE_URL,
    }),
  );
}

export { handler as GET, handler as POST };
