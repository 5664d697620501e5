import { getDatabase } from "../../../server/db";
import { checkHealth } from "../../../server/health";

// Every request asks the database afresh: a cached "ok" would hide an outage.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(getDatabase().pool);
  return Response.json(report.body, { status: report.status, headers: { "Cache-Control": "no-store" } });
}
