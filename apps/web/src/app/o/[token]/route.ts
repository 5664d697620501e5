// The magic link in every message: /o/<token>. The token is swapped for an httpOnly cookie scoped to the
// order and the guest lands on a clean URL, so the token leaves the address bar and browser history.
// Redirects are built from APP_BASE_URL, never from the Host header.
import { isDomainError, resolveOrderAccessToken } from "@nitip/core";
import { NextResponse } from "next/server";
import { env } from "../../../env";
import { guestOrderCookie } from "../../../server/api/trpc";
import { getDatabase, getRateLimits } from "../../../server/db";
import { RateLimitedError, rateLimitedResponse } from "../../../server/rate-limit";

export const dynamic = "force-dynamic";

const cookieMaxAgeSeconds = 30 * 24 * 60 * 60;

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const limits = getRateLimits();
    await limits.consume("tokenLookupPerIp", limits.clientIp(request.headers));
  } catch (error) {
    if (error instanceof RateLimitedError) return rateLimitedResponse(error);
    throw error;
  }
  try {
    await resolveOrderAccessToken(getDatabase().prisma, token);
  } catch (error) {
    // Wrong, expired and revoked links look the same; the page says what to do next.
    if (!isDomainError(error, "NOT_FOUND")) throw error;
    return NextResponse.redirect(new URL("/pesanan?tautan=tidak-berlaku", env.APP_BASE_URL), 303);
  }
  const response = NextResponse.redirect(new URL("/pesanan", env.APP_BASE_URL), 303);
  response.cookies.set(guestOrderCookie, token, {
    httpOnly: true,
    secure: env.APP_BASE_URL.startsWith("https:"),
    sameSite: "lax",
    path: "/",
    maxAge: cookieMaxAgeSeconds,
  });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
