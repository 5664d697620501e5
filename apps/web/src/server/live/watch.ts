// One subscriber's stream: the process's order signals narrowed to what this subscriber may see, each event
// tracked by its version, so a reconnecting browser sends the last version it saw (tRPC's lastEventId) and is
// told whether it missed anything. The page re-reads on every event; the events carry no personal data.
import { tracked } from "@trpc/server";
import type { OrderChangeSource, OrderSignal, TOrderChange } from "./order-changes";

export interface WatchScope {
  /** Whether this subscriber may hear of the change (their order; an order on the host's trips). */
  concerns(change: TOrderChange): Promise<boolean>;
  /** The newest version in scope after `version`, or null when nothing changed since. */
  newestAfter(version: bigint): Promise<bigint | null>;
}

export type TLiveEvent =
  | { kind: "change"; orderId: string; status: string }
  /** Something changed while this subscriber was not listening: read again. */
  | { kind: "resync" };

export interface WatchOptions {
  /** The version the page was read at (or the last one the browser saw); "0" when unknown. */
  since: string;
  /** Aborted when the client goes away: the stream ends and unsubscribes. */
  signal?: AbortSignal;
}

export async function* watchOrders(source: OrderChangeSource, scope: WatchScope, options: WatchOptions) {
  const queue: OrderSignal[] = [];
  let wake = () => {};
  // Subscribed before the catch-up read, so a change lands in the queue or in that read, never in between.
  const unsubscribe = source.subscribe((signal) => {
    queue.push(signal);
    wake();
  });
  const stop = () => wake();
  options.signal?.addEventListener("abort", stop);
  let seen = BigInt(options.since);
  const catchUp = async () => {
    const newest = await scope.newestAfter(seen);
    if (newest === null) return null;
    seen = newest;
    return tracked(String(newest), { kind: "resync" } as TLiveEvent);
  };
  try {
    const missed = await catchUp();
    if (missed) yield missed;
    while (!options.signal?.aborted) {
      const signal = queue.shift();
      if (!signal) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (signal.type === "resync") {
        const caughtUp = await catchUp();
        if (caughtUp) yield caughtUp;
        continue;
      }
      const { orderId, status, version } = signal.change;
      if (!(await scope.concerns(signal.change))) continue;
      if (BigInt(version) > seen) seen = BigInt(version);
      yield tracked(version, { kind: "change", orderId, status } as TLiveEvent);
    }
  } finally {
    unsubscribe();
    options.signal?.removeEventListener("abort", stop);
  }
}
