// next-auth's endpoints: /api/auth/signin/email (send a link), /callback/email (open it), /signout, /csrf.
// Asking for a link is rate limited per address and per client IP before next-auth sees the request.

import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { env } from "../../../../env";
import { createAuthOptions } from "../../../../server/auth/options";
import { signInPath } from "../../../../server/auth/paths";
import { getDatabase } from "../../../../server/db";
import { isRateLimitedError, limitSignInRequest, rateLimitsFor } from "../../../../server/rate-limit";

type Context = { params: Promise<{ nextauth: string[] }> };

/** null when the request may go on; otherwise the 429 (JSON, as next-auth's client reads it). */
async function refuseOverLimit(req: NextRequest, action: string[]): Promise<Response | null> {
  const limits = rateLimitsFor(getDatabase().prisma);
  if (!limits || req.method !== "POST" || action[0] !== "signin" || action[1] !== "email") return null;
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  const email = form?.get("email");
  if (typeof email !== "string" || email.trim() === "") return null; // next-auth refuses it itself
  try {
    await limitSignInRequest(limits, { email, headers: req.headers });
    return null;
  } catch (error) {
    if (!isRateLimitedError(error)) throw error;
    // next-auth's signIn() reads `url` and its `error` parameter; the sign-in page words "TooMany".
    return Response.json(
      { url: `${env.APP_BASE_URL}${signInPath}?error=TooMany`, message: error.message },
      {
        status: 429,
        headers: { "Retry-After": String(error.retryAfterSeconds), "Cache-Control": "no-store" },
      },
    );
  }
}

async function handler(req: NextRequest, context: Context) {
  const refused = await refuseOverLimit(req, (await context.params).nextauth);
  if (refused) return refused;
  return NextAuth(req, context, createAuthOptions(getDatabase().prisma));
}

export { handler as GET, handler as POST };
