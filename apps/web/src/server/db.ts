import "server-only";
import type { PlacementGate } from "@nitip/core";
import { createDatabase, type Database } from "@nitip/db";
import { env } from "../env";
import { createPlacementGate } from "./placement-gate";
import { createRateLimits, type RateLimits, registerRateLimits } from "./rate-limit";

// One pool and Prisma client per process. Kept on globalThis because `next dev` re-evaluates modules on
// every edit, and each evaluation would otherwise open a new pool.
const holder = globalThis as typeof globalThis & {
  nitipDatabase?: Database;
  nitipRateLimits?: RateLimits;
  nitipPlacementGate?: PlacementGate;
};

/** Created on first use, so building the app never needs a database. */
export function getDatabase(): Database {
  if (!holder.nitipDatabase) {
    const database = createDatabase(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
    // Placement's read and statement: at most the pool's size at a time, writes before reads.
    holder.nitipPlacementGate = createPlacementGate(env.DATABASE_POOL_MAX);
    holder.nitipRateLimits = createRateLimits(database.pool, {
      trustProxyHops: env.TRUST_PROXY_HOPS,
      limits: {
        placementPerIp: env.RATE_LIMIT_PLACEMENT_PER_IP,
        placementPerPhone: env.RATE_LIMIT_PLACEMENT_PER_PHONE,
        tokenLookupPerIp: env.RATE_LIMIT_TOKEN_LOOKUP_PER_IP,
        signInPerAddress: env.RATE_LIMIT_SIGN_IN_PER_ADDRESS,
        signInPerIp: env.RATE_LIMIT_SIGN_IN_PER_IP,
      },
    });
    registerRateLimits(database.prisma, holder.nitipRateLimits);
    holder.nitipDatabase = database;
  }
  return holder.nitipDatabase;
}

/** The process's shared rate limits (e.g. `limitSignInRequest(getRateLimits(), { email, headers })`). */
export function getRateLimits(): RateLimits {
  getDatabase();
  if (!holder.nitipRateLimits) throw new Error("rate limits are created with the database");
  return holder.nitipRateLimits;
}

/** The process's placement gate (see placement-gate.ts), for the request context. */
export function getPlacementGate(): PlacementGate {
  getDatabase();
  if (!holder.nitipPlacementGate) throw new Error("the placement gate is created with the database");
  return holder.nitipPlacementGate;
}
