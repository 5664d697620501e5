// The operator's view of health, behind `Authorization: Bearer $MONITORING_TOKEN`. Without a configured
// token the endpoint does not exist (404); a wrong or missing token is 401.
import { env } from "../../../../env";
import { getDatabase } from "../../../../server/db";
import { isOperator, operatorHealth } from "../../../../server/health";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const headers = { "Cache-Control": "no-store" };
  if (!env.MONITORING_TOKEN) return Response.json({ error: "Not found." }, { status: 404, headers });
  if (!isOperator(request.headers, env.MONITORING_TOKEN)) {
    return Response.json(
      { error: "Send Authorization: Bearer <MONITORING_TOKEN>." },
      { status: 401, headers: { ...headers, "WWW-Authenticate": "Bearer" } },
    );
  }
  const report = await operatorHealth(getDatabase());
  return Response.json(report, { status: report.status === "up" ? 200 : 503, headers });
}
