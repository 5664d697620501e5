import "server-only";
import { createDatabase, type Database } from "@nitip/db";
import { env } from "../env";
import { createPlacementSql, registerPlacementSql } from "./placement-sql";

// One pool and Prisma client per process. Kept on globalThis because `next dev` re-evaluates modules on
// every edit, and each evaluation would otherwise open a new pool.
const holder = globalThis as typeof globalThis & { nitipDatabase?: Database };

/** Created on first use, so building the app never needs a database. */
export function getDatabase(): Database {
  if (!holder.nitipDatabase) {
    const database = createDatabase(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
    // Placement's read and statement go to the pool directly, at most the pool's size at a time.
    registerPlacementSql(database.prisma, createPlacementSql(database.pool, env.DATABASE_POOL_MAX));
    holder.nitipDatabase = database;
  }
  return holder.nitipDatabase;
}
