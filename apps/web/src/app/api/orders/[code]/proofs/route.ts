// The guest's payment proof upload (multipart); see server/guest-proof-upload.ts.
import { env } from "../../../../../env";
import { localProofStorage } from "../../../../../server/api/trpc";
import { getDatabase, getRateLimits } from "../../../../../server/db";
import { guestCookieFor } from "../../../../../server/guest-access";
import { uploadGuestProof } from "../../../../../server/guest-proof-upload";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return uploadGuestProof({
    db: getDatabase().prisma,
    storage: localProofStorage(),
    request,
    orderCode: decodeURIComponent(code),
    guestCookie: guestCookieFor(env.APP_BASE_URL),
    rateLimits: getRateLimits(),
  });
}
