// Test databases: one PostgreSQL per test run (embedded, or the server in DATABASE_URL), one migrated
// template database, and a fresh clone of it for each test file, so files run in parallel without sharing
// rows or jobs. `CREATE DATABASE ... TEMPLATE` copies files, so a clone costs milliseconds, not a migration.
import { randomBytes } from "node:crypto";
import { type RunnerOptions, runOnce } from "graphile-worker";
import pg from "pg";
import { databaseUrl } from "../embedded.ts";

export const templateDatabaseName = "nitip_test_template";

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a new database cloned from the migrated template; returns its URL and a drop function. */
export async function cloneTestDatabase(serverUrl: string, label = "t") {
  const name = `nitip_${label
    .replace(/[^a-z0-9]/gi, "_")
    .slice(0, 30)
    .toLowerCase()}_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName}"`),
  );
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      await admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export async function recreateTemplateDatabase(serverUrl: string): Promise<string> {
  await admin(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${templateDatabaseName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${templateDatabaseName}"`);
  });
  return databaseUrl(serverUrl, templateDatabaseName);
}

/**
 * graphile-worker's runOnce, then a wait until no job is locked: runOnce resolves before the failed jobs it
 * ran are released (their failJob is not awaited), so a test that reads a failure right after it would race.
 */
export async function runOnceAndRelease(options: RunnerOptions & { pgPool: pg.Pool }): Promise<void> {
  await runOnce(options);
  for (let waited = 0; ; waited += 25) {
    const { rows } = await options.pgPool.query<{ n: number }>(
      "select count(*)::int as n from graphile_worker._private_jobs where locked_at is not null",
    );
    if (rows[0]?.n === 0) return;
    if (waited > 10_000) throw new Error("runOnce left jobs locked for 10 s");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
