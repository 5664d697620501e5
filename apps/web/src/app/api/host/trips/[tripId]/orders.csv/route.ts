// A trip's orders and items as a spreadsheet download, for the trip's host and admins.
import { getSessionUser } from "../../../../../../server/auth/session";
import { getDatabase } from "../../../../../../server/db";
import { tripCsvResponse } from "../../../../../../server/host/files";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ tripId: string }> }) {
  const { tripId } = await params;
  const db = getDatabase().prisma;
  const user = await getSessionUser(request.headers, db);
  return tripCsvResponse({ db, user }, tripId);
}
