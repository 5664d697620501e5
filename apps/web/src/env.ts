// The web app's configuration, validated once. Read `env.X` everywhere; nothing else touches process.env.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> };

/** One line per variable, naming it, so a misconfigured deploy says what to fix. */
function describeIssues(issues: readonly Issue[]): string {
  const lines = issues.map((issue) => {
    const first = issue.path?.[0];
    const name = String(typeof first === "object" ? first.key : (first ?? "?"));
    const value = process.env[name];
    return value === undefined || value === ""
      ? `  - ${name} is not set`
      : `  - ${name} is invalid: ${issue.message}`;
  });
  return [
    "Nitip web cannot start: missing or invalid environment variables.",
    ...lines,
    "Set them in the environment or in apps/web/.env (see the configuration table in README.md).",
  ].join("\n");
}

export const env = createEnv({
  server: {
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgresql:// URL" }),
    APP_BASE_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
    /** Connections in this process's pg pool (Prisma and raw SQL share it). */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(20),
    /** Signs next-auth's CSRF and verification tokens; required in production (32+ characters). */
    NEXTAUTH_SECRET: z.string().min(32, "use at least 32 random characters").optional(),
    /** Comma-separated addresses that get the admin role when they sign in. */
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email({ error: "ADMIN_EMAILS must be comma-separated email addresses" }))),
    /** smtp(s)://user:pass@host:port for sign-in emails (the worker's setting of the same name). */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    EMAIL_FROM: z.string().default("Nitip <no-reply@nitip.local>"),
    /** "1" keeps the dev mailbox on in a production build (browser tests only); on by default in development. */
    DEV_MAILBOX: z.enum(["0", "1"]).optional(),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  // `next build` loads route modules without the runtime configuration; the server validates at start
  // (src/instrumentation.ts) instead.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
  onValidationError: (issues) => {
    throw new Error(describeIssues(issues));
  },
});
