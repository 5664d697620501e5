import { getDatabase } from "../../../server/db";
import { publicHealth } from "../../../server/health";

// Every request asks the database afresh: a cached "up" would hide an outage.
export const dynamic = "force-dynamic";

export function GET() {
  return publicHealth(getDatabase().pool);
}
