import { env } from "../../../../env";
import { handleTrpcRequest } from "../../../../server/api/http";
import { createTRPCContext } from "../../../../server/api/trpc";
import { getSessionUser } from "../../../../server/auth/session";
import { getDatabase, getPlacementGate } from "../../../../server/db";
import { processOrderChanges } from "../../../../server/live/process-listener";
import { timeTrpcRequest } from "../../../../server/monitoring/trpc-timing";

function handler(req: Request) {
  return timeTrpcRequest(req, () =>
    handleTrpcRequest(req, async () => {
      const db = getDatabase().prisma;
      return createTRPCContext({
        db,
        headers: req.headers,
        user: await getSessionUser(req.headers, db),
        appBaseUrl: env.APP_BASE_URL,
        placementGate: getPlacementGate(),
        orderChanges: processOrderChanges,
      });
    }),
  );
}

export { handler as GET, handler as POST };
