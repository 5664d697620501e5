import type { SessionUser } from "../api/trpc";

/**
 * The signed-in user for a request, or null. This is the one seam for authentication: the tRPC route
 * handler and server components both ask here. Sign-in (next-auth) arrives in a later issue; until then
 * nobody is signed in, so host and admin procedures answer UNAUTHORIZED.
 */
export async function getSessionUser(_headers: Headers): Promise<SessionUser | null> {
  return null;
}
