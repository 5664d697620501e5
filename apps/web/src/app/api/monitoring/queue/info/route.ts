import { env } from "../../../../../env";
import { getDatabase } from "../../../../../server/db";
import { queueInfoResponse } from "../../../../../server/monitoring/endpoints";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return queueInfoResponse(request, { db: getDatabase().prisma, monitoringToken: env.MONITORING_TOKEN });
}
