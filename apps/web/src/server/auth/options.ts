// next-auth's configuration: email links, database sessions in PostgreSQL (adapter.ts), our own pages.
import { redactError } from "@nitip/core";
import type { Db } from "@nitip/db";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import { env } from "../../env";
import { createAuthAdapter } from "./adapter";
import { sessionCookie } from "./cookies";
import { sendSignInMail } from "./mail";
import { signInPath } from "./paths";

const day = 24 * 60 * 60;

// Outside production a fixed secret keeps `pnpm dev` free of setup; production must set NEXTAUTH_SECRET
// (next-auth refuses to run without one there).
const developmentSecret = "nitip-development-secret-never-used-in-production";

export function createAuthOptions(db: Db): NextAuthOptions {
  // next-auth reads its own origin from NEXTAUTH_URL; deriving it keeps APP_BASE_URL the one setting, and
  // links are never built from the request's Host header.
  process.env.NEXTAUTH_URL ??= `${env.APP_BASE_URL}/api/auth`;
  const cookie = sessionCookie();
  return {
    adapter: createAuthAdapter(db),
    secret: env.NEXTAUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : developmentSecret),
    session: { strategy: "database", maxAge: 30 * day, updateAge: day },
    useSecureCookies: cookie.options.secure,
    cookies: { sessionToken: cookie },
    providers: [
      EmailProvider({
        maxAge: day,
        // Unused (we send ourselves), but the provider's type asks for it.
        server: {},
        from: env.EMAIL_FROM,
        // Known or unknown, every address gets the same answer and the same email: nothing tells an
        // outsider which addresses have accounts. An unknown one becomes a new host on first sign-in.
        sendVerificationRequest: ({ identifier, url }) => sendSignInMail({ to: identifier, url }),
      }),
    ],
    pages: { signIn: signInPath, verifyRequest: `${signInPath}/cek-email`, error: signInPath },
    logger: {
      error: (code, metadata) =>
        console.error(`[auth] ${code}: ${redactError(metadataError(metadata)).message}`),
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => {},
    },
  };
}

function metadataError(metadata: unknown): unknown {
  if (metadata instanceof Error) return metadata;
  if (metadata && typeof metadata === "object" && "error" in metadata) return metadata.error;
  return metadata;
}
