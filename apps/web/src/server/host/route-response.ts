import { isDomainError } from "@nitip/core";
import type { SessionUser } from "../api/trpc";

/** Headers every private file answer carries: never cached, never sniffed into something executable. */
const privateFileHeaders = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
};

function problem(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Runs `work` for a signed-in host or admin and turns its result into a private file response. Signed out is
 * 401; an object that is missing or someone else's is the same 404, with nothing about whose it is.
 */
export async function privateFileResponse(
  user: SessionUser | null,
  work: (user: SessionUser) => Promise<{ body: Uint8Array | string; type: string; disposition: string }>,
): Promise<Response> {
  if (!user) return problem(401, "Sign in to continue.");
  try {
    const file = await work(user);
    const body = typeof file.body === "string" ? file.body : Buffer.from(file.body);
    return new Response(body, {
      status: 200,
      headers: { ...privateFileHeaders, "Content-Type": file.type, "Content-Disposition": file.disposition },
    });
  } catch (error) {
    if (isDomainError(error, "NOT_FOUND")) return problem(404, error.message);
    throw error;
  }
}
