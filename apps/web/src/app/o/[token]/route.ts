// The magic link in every message: /o/<token>. See server/guest-access.ts: the link is swapped for a browser
// credential in an httpOnly cookie, and the guest lands on the order's clean URL. Lookups are rate-limited
// per client IP (the shared PostgreSQL limiter) before the token is touched.
import { env } from "../../../env";
import { getDatabase, getRateLimits } from "../../../server/db";
import { landOnOrderLink } from "../../../server/guest-access";
import { isRateLimitedError, rateLimitedResponse } from "../../../server/rate-limit";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const limits = getRateLimits();
    await limits.consume("tokenLookupPerIp", limits.clientIp(request.headers));
  } catch (error) {
    if (isRateLimitedError(error)) return rateLimitedResponse(error);
    throw error;
  }
  return landOnOrderLink({
    db: getDatabase().prisma,
    token,
    headers: request.headers,
    appBaseUrl: env.APP_BASE_URL,
  });
}
