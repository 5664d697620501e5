// The magic link in every message: /o/<token>. See server/guest-access.ts: the link is swapped for a browser
// credential in an httpOnly cookie, and the guest lands on the order's clean URL.
import { env } from "../../../env";
import { getDatabase } from "../../../server/db";
import { landOnOrderLink } from "../../../server/guest-access";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return landOnOrderLink({
    db: getDatabase().prisma,
    token,
    headers: request.headers,
    appBaseUrl: env.APP_BASE_URL,
  });
}
