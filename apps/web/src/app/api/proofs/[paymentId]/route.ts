// Payment proofs, served only to the order's host and admins; never a public path, never cached.
import { localProofStorage } from "../../../../server/api/trpc";
import { getSessionUser } from "../../../../server/auth/session";
import { getDatabase } from "../../../../server/db";
import { proofResponse } from "../../../../server/host/files";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const db = getDatabase().prisma;
  const user = await getSessionUser(request.headers, db);
  return proofResponse({ db, storage: localProofStorage(), user }, paymentId);
}
