// Order placement's two round trips (the read, then THE placement statement) sent straight to the pg pool,
// skipping Prisma's query interpreter on the hottest path, through a small gate that lets placements already
// past their read go before new reads. In a rush on one limited product (a flash sale) that keeps the number
// of placements that read "in stock" close to the stock: later reads run after earlier placements committed,
// see the stock gone and answer SOLD_OUT at once instead of queueing behind the buyers' row lock.
import type { PlacementSql } from "@nitip/core";
import { type Db, preparedStatementName } from "@nitip/db";
import { processWide } from "./process-wide";

interface Queryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

// Bench-only (NITIP_BENCH_PLACEMENT_TIMING=1, set by `pnpm bench flash-sale`): one stderr line per placement
// query with when it arrived, got a slot and finished (epoch ms), so the bench can say where a rush's time goes.
// Not part of the app's configuration; off, nothing is measured.
const timing = process.env.NITIP_BENCH_PLACEMENT_TIMING === "1";
const epochMs = () => performance.timeOrigin + performance.now();
function logTiming(entry: { phase: string; entered: number; started: number; ended: number }) {
  process.stderr.write(`[placement-timing] ${JSON.stringify(entry)}\n`);
}

/** At most `slots` placement queries at a time on `pool`; waiting writes go before waiting reads. */
export function createPlacementSql(pool: Queryable, slots: number): PlacementSql {
  let running = 0;
  const waiting = { write: [] as (() => void)[], read: [] as (() => void)[] };
  const next = () => {
    const start = waiting.write.shift() ?? waiting.read.shift();
    if (start) {
      running++;
      start();
    }
  };
  return {
    async query(text, values, phase) {
      const entered = timing ? epochMs() : 0;
      if (running < slots) running++;
      else await new Promise<void>((resolve) => waiting[phase].push(resolve));
      const started = timing ? epochMs() : 0;
      try {
        // Named, as Prisma names it (packages/db/src/prepared.ts): parsed and planned once per connection.
        return await pool.query({ name: preparedStatementName(text), text, values });
      } finally {
        running--;
        next();
        if (timing) logTiming({ phase, entered, started, ended: epochMs() });
      }
    },
  };
}

// Per process, not per module instance (see the registry in rate-limit.ts): every route bundle must find it.
const registry = processWide("placementSql", () => new WeakMap<Db, PlacementSql>());

/** Makes procedures that get `db` place orders through `sql` (the web app's own database does this). */
export function registerPlacementSql(db: Db, sql: PlacementSql): void {
  // Bench-only switch (`pnpm bench orders-http` compares both paths in one run): leave placement on core's
  // default, Prisma's $queryRawUnsafe. Not part of the app's configuration.
  if (process.env.NITIP_PLACEMENT_PATH === "prisma") return;
  registry.set(db, sql);
}

export function placementSqlFor(db: Db): PlacementSql | undefined {
  return registry.get(db);
}
