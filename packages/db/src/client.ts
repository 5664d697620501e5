// One Prisma client per process, on a pg.Pool that graphile-worker (and anything else that needs raw SQL)
// can share, so a process holds one set of connections.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { preparedStatementName } from "./prepared.ts";

export type Db = PrismaClient;
/** What a `$transaction(async (tx) => ...)` callback receives: services accept `Db | Tx`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  prisma: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function createDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection dropped by the server (restart, failover, DROP DATABASE ... FORCE) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool discards the client and opens a new one on demand.
  pool.on("error", (error) => {
    console.error(`PostgreSQL dropped an idle connection: ${error.message}`);
  });
  const prisma = new PrismaClient({
    // Marked hot statements (placement) run as prepared statements; see prepared.ts.
    adapter: new PrismaPg(pool, {
      statementNameGenerator: (query) => preparedStatementName(query.sql) as string,
    }),
  });
  return {
    prisma,
    pool,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
