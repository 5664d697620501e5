// Per-file test database: `const db = useTestDatabase()` gives the file its own clone of the migrated
// template, with a Prisma client on a shared pool; dropped after the file.
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { Database } from "../client.ts";
import { createDatabase } from "../client.ts";
import { cloneTestDatabase } from "./index.ts";
import type {} from "./provided-context.ts";

export interface TestDatabase extends Database {
  url: string;
  serverUrl: string;
}

export function useTestDatabase(options: { max?: number } = {}): TestDatabase {
  const handle = {} as TestDatabase;
  let drop = async () => {};
  beforeAll(async () => {
    const serverUrl = inject("databaseServerUrl");
    const clone = await cloneTestDatabase(serverUrl, expect.getState().testPath?.split("/").pop() ?? "t");
    drop = clone.drop;
    Object.assign(handle, createDatabase(clone.url, options), { url: clone.url, serverUrl });
  });
  afterAll(async () => {
    await handle.close?.();
    await drop();
  });
  return handle;
}
