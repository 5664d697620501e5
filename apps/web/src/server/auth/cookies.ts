import { env } from "../../env";

/**
 * The session cookie, one definition for next-auth (which sets it) and getSessionUser (which reads it).
 * httpOnly, SameSite=Lax, and Secure with the `__Secure-` prefix whenever the app is served over https
 * (APP_BASE_URL), which production always is.
 */
export function sessionCookie() {
  const secure = env.APP_BASE_URL.startsWith("https://");
  return {
    name: secure ? "__Secure-nitip.session" : "nitip.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
