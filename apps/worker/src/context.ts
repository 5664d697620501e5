// What every task needs, built once per process in main.ts (and by the tests, with the same code).
import type { Database } from "@nitip/db";
import type { WorkerEnv } from "./env.ts";
import type { AppLogger } from "./logger.ts";
import type { Providers } from "./providers/index.ts";

export interface WorkerContext {
  db: Database;
  env: WorkerEnv;
  log: AppLogger;
  providers: Providers;
}
