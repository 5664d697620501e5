import { env } from "../../../../../env";
import { getDatabase } from "../../../../../server/db";
import { queueStatsResponse } from "../../../../../server/monitoring/endpoints";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return queueStatsResponse(request, { db: getDatabase().prisma, monitoringToken: env.MONITORING_TOKEN });
}
