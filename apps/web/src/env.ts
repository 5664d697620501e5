// The web app's configuration, validated once. Read `env.X` everywhere; nothing else touches process.env.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import type { Limit } from "./server/rate-limit";

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

/** Parses "20/10m" (20 requests per 10 minutes); units s, m, h. */
function parseLimit(text: string): Limit | null {
  const match = /^(\d+)\/(\d+)([smh])$/.exec(text.trim());
  if (!match) return null;
  const seconds = { s: 1, m: 60, h: 3600 }[match[3] as "s" | "m" | "h"];
  const points = Number(match[1]);
  const durationSeconds = Number(match[2]) * seconds;
  return points >= 1 && durationSeconds >= 1 ? { points, durationSeconds } : null;
}

/** A rate limit written "<requests>/<window>", e.g. "60/10m" (units s, m, h). */
const ZLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const limit = parseLimit(text);
      if (!limit) ctx.addIssue({ code: "custom", message: 'expected "<requests>/<window>", e.g. "60/10m"' });
      return limit ?? z.NEVER;
    });

export const env = createEnv({
  server: {
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgresql:// URL" }),
    /** A session (non-pooled) URL for the live updates' LISTEN connection; DATABASE_URL when unset. */
    DIRECT_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgresql:// URL" }).optional(),
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
    /** Reverse proxies in front of the app that append to X-Forwarded-For (server/client-ip.ts). */
    /** Bearer token for /api/health/details (off without it), /api/monitoring/queue/* and /api/metrics. */
    MONITORING_TOKEN: z.string().min(32, "use at least 32 random characters").optional(),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    RATE_LIMIT_PLACEMENT_PER_IP: ZLimit("60/10m"),
    RATE_LIMIT_PLACEMENT_PER_PHONE: ZLimit("10/1h"),
    RATE_LIMIT_TOKEN_LOOKUP_PER_IP: ZLimit("120/1m"),
    RATE_LIMIT_SIGN_IN_PER_ADDRESS: ZLimit("5/1h"),
    RATE_LIMIT_SIGN_IN_PER_IP: ZLimit("30/1h"),
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
