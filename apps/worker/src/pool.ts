// An idle pooled client whose connection drops emits 'error'; without a listener Node would crash the process.
// graphile-worker warns when a pool it is given lacks these handlers, and installs its own if so.
import type { Database } from "@nitip/db";
import type { AppLogger } from "./logger.ts";

const guarded = new WeakSet<Database["pool"]>();

export function guardPool(pool: Database["pool"], log: AppLogger): void {
  if (guarded.has(pool)) return;
  guarded.add(pool);
  pool.on("error", (error) => log.error({ err: error }, "idle PostgreSQL client error"));
  pool.on("connect", (client) => {
    client.on("error", (error) => log.error({ err: error }, "PostgreSQL client error"));
  });
}
