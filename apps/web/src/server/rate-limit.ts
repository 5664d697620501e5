// Named rate limits on rate-limiter-flexible's RateLimiterPostgres: the counters live in the `rate_limits`
// table (created by a migration, so no DDL at request time), so every web process shares them. A key that
// reached its limit is also blocked in this process's memory until its window ends, so a client hammering
// past the limit costs no database round trip. Everything else pays one upsert per limit checked.
import { createHash } from "node:crypto";
import { normalisePhoneNumber } from "@nitip/core";
import type { Database } from "@nitip/db";
import { TRPCError } from "@trpc/server";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { clientIp } from "./client-ip";
import { processWide } from "./process-wide";

export const rateLimitNames = [
  "placementPerIp",
  "placementPerPhone",
  "tokenLookupPerIp",
  "signInPerAddress",
  "signInPerIp",
] as const;
export type RateLimitName = (typeof rateLimitNames)[number];

export interface Limit {
  points: number;
  durationSeconds: number;
}

export interface RateLimitConfig {
  limits: Record<RateLimitName, Limit>;
  /** Proxies in front of the app that append to X-Forwarded-For (see client-ip.ts). */
  trustProxyHops: number;
}

const tooMany: Record<RateLimitName, string> = {
  placementPerIp: "Too many orders from your network",
  placementPerPhone: "Too many orders for this WhatsApp number",
  tokenLookupPerIp: "Too many order links opened from your network",
  signInPerAddress: "Too many sign-in links asked for this email address",
  signInPerIp: "Too many sign-in requests from your network",
};

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Over a limit: the message says what and when to try again; the route sends `Retry-After`. */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  readonly limit: RateLimitName;
  readonly retryAfterSeconds: number;

  constructor(limit: RateLimitName, retryAfterSeconds: number) {
    super(`${tooMany[limit]}. Please try again in ${inWords(retryAfterSeconds)}.`);
    this.limit = limit;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Whether `error` is a RateLimitedError from ANY copy of this module. The limits are created once per process
 * by whichever route bundle opens the database first (process-wide.ts), so the error a limit throws may be
 * another bundle's class and `instanceof` would miss it.
 */
export function isRateLimitedError(error: unknown): error is RateLimitedError {
  return error instanceof Error && error.name === "RateLimitedError" && "retryAfterSeconds" in error;
}

export interface RateLimits {
  /** Counts one request for `key`; throws RateLimitedError when it is over the limit. */
  consume(name: RateLimitName, key: string): Promise<void>;
  clientIp(headers: Headers): string;
}

// Keys are hashed: no phone number or email address is stored in the table, and every key fits its column.
const hashKey = (key: string) => createHash("sha256").update(key).digest("base64url");

export function createRateLimits(pool: Database["pool"], config: RateLimitConfig): RateLimits {
  const limiters = Object.fromEntries(
    rateLimitNames.map((name, index) => {
      const { points, durationSeconds } = config.limits[name];
      const limiter = new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true,
        keyPrefix: name,
        points,
        duration: durationSeconds,
        // Once a key has used its last point, refuse it from memory until its window ends.
        inMemoryBlockOnConsumed: points,
        // One sweep of expired rows per process is enough (each sweep covers the whole table).
        clearExpiredByTimeout: index === 0,
      });
      return [name, limiter];
    }),
  ) as Record<RateLimitName, RateLimiterPostgres>;
  return {
    async consume(name, key) {
      try {
        await limiters[name].consume(hashKey(key));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        throw new RateLimitedError(name, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      }
    },
    clientIp: (headers) => clientIp(headers, config.trustProxyHops),
  };
}

// The web process registers its limits for its database client, as it does its placement gate; callers that build
// a context without them (server-side code, most tests) are not limited.
// One registry per process, not per module instance: a module-level map filled by the route bundle that first
// opened the database would look empty from every other route, and those would run with no limits at all.
const registry = processWide("rateLimits", () => new WeakMap<object, RateLimits>());

export function registerRateLimits(db: object, limits: RateLimits): void {
  registry.set(db, limits);
}

export function rateLimitsFor(db: object): RateLimits | undefined {
  return registry.get(db);
}

/** A phone number as a key: normalised, so "0812..." and "+62 812..." count together; null when invalid. */
export function phoneKey(phone: string): string | null {
  try {
    return normalisePhoneNumber(phone);
  } catch {
    return null; // placement refuses it with its own message
  }
}

type KeyFn<Input> = (request: { ip: string; input: Input }) => string | null;

interface LimitedContext {
  headers: Headers;
  rateLimits?: RateLimits;
}

/**
 * A tRPC middleware counting the request against each named limit, all at once (one round trip's latency):
 * `publicProcedure.input(Z).use(rateLimit({ placementPerIp: byClientIp }))`. A key function returning null
 * skips that limit. Over a limit: TOO_MANY_REQUESTS (HTTP 429) with the words and `Retry-After`.
 */
export function rateLimit<Input = unknown>(checks: Partial<Record<RateLimitName, KeyFn<Input>>>) {
  return async <Result>(opts: {
    ctx: LimitedContext;
    input: Input;
    next: () => Promise<Result>;
  }): Promise<Result> => {
    const limits = opts.ctx.rateLimits;
    if (limits) {
      const ip = limits.clientIp(opts.ctx.headers);
      try {
        await Promise.all(
          Object.entries(checks).map(([name, keyOf]) => {
            const key = (keyOf as KeyFn<Input>)({ ip, input: opts.input });
            return key === null ? undefined : limits.consume(name as RateLimitName, key);
          }),
        );
      } catch (error) {
        if (!isRateLimitedError(error)) throw error;
        throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
      }
    }
    return opts.next();
  };
}

export const byClientIp: KeyFn<unknown> = ({ ip }) => ip;

/** For next-auth's email sign-in: one request per address and per client address; throws RateLimitedError. */
export async function limitSignInRequest(
  limits: RateLimits,
  request: { email: string; headers: Headers },
): Promise<void> {
  await Promise.all([
    limits.consume("signInPerAddress", request.email.trim().toLowerCase()),
    limits.consume("signInPerIp", limits.clientIp(request.headers)),
  ]);
}

/** The 429 a route handler (not tRPC) answers with. */
export function rateLimitedResponse(error: RateLimitedError): Response {
  return new Response(error.message, {
    status: 429,
    headers: {
      "Retry-After": String(error.retryAfterSeconds),
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}
