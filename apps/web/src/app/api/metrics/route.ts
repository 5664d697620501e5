// Prometheus scrape target; see README "Wire Prometheus".
import { env } from "../../../env";
import { getDatabase } from "../../../server/db";
import { metricsResponse } from "../../../server/monitoring/endpoints";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return metricsResponse(request, { db: getDatabase().prisma, monitoringToken: env.MONITORING_TOKEN });
}
