import "server-only";
import { createDatabase, type Database } from "@nitip/db";
import { env } from "../env";

// One pool and Prisma client per process. Kept on globalThis because `next dev` re-evaluates modules on
// every edit, and each evaluation would otherwise open a new pool.
const holder = globalThis as typeof globalThis & { nitipDatabase?: Database };

/** Created on first use, so building the app never needs a database. */
export function getDatabase(): Database {
  holder.nitipDatabase ??= createDatabase(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
  return holder.nitipDatabase;
}
