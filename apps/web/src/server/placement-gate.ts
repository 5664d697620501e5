// Order placement's two round trips (the read, then THE placement statement) pass through a small gate per
// process that lets placements already past their read go before new reads. In a rush on one limited product
// (a flash sale) that keeps the number of placements that read "in stock" close to the stock: later reads run
// after earlier placements committed, see the stock gone and answer SOLD_OUT at once instead of queueing
// behind the buyers' row lock. The queries themselves run through Prisma like every other write.
import type { PlacementGate } from "@nitip/core";

// Diagnostic, used by `pnpm bench flash-sale` (NITIP_PLACEMENT_TIMING=1): one stderr line per placement query
// with when it arrived, got a slot and finished (epoch ms), so a rush can be taken apart. Off: nothing measured.
const timing = process.env.NITIP_PLACEMENT_TIMING === "1";
const epochMs = () => performance.timeOrigin + performance.now();
function logTiming(entry: { phase: string; entered: number; started: number; ended: number }) {
  process.stderr.write(`[placement-timing] ${JSON.stringify(entry)}\n`);
}

/** At most `slots` placement queries at a time; waiting writes go before waiting reads. */
export function createPlacementGate(slots: number): PlacementGate {
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
    async run(phase, query) {
      const entered = timing ? epochMs() : 0;
      if (running < slots) running++;
      else await new Promise<void>((resolve) => waiting[phase].push(resolve));
      const started = timing ? epochMs() : 0;
      try {
        return await query();
      } finally {
        running--;
        next();
        if (timing) logTiming({ phase, entered, started, ended: epochMs() });
      }
    },
  };
}
