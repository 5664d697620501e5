// What the database announces when an order changes: the trigger on order_events (migrations
// 20261202080100_order_change_notify, 20261202163000_order_change_notify_per_statement) NOTIFYs this channel
// with the order id, its new status and the event id; for a statement that wrote many events at once (a
// deadline sweep's batch), only `bulk` and the newest event id.
import { z } from "zod";

export const orderChangedChannel = "order_changed";

export const ZOrderChangeSchema = z.object({
  orderId: z.uuid(),
  status: z.string(),
  /** The order_events id: grows with every change, so "anything after version v?" is one indexed query. */
  version: z.string().regex(/^\d+$/),
});
export type TOrderChange = z.infer<typeof ZOrderChangeSchema>;

/** Many orders changed in one statement: whoever shows orders re-reads whether any of theirs did. */
export const ZBulkOrderChangeSchema = z.object({
  bulk: z.literal(true),
  version: z.string().regex(/^\d+$/),
});

/**
 * What a subscriber of the process's listener hears: a change, or `resync` when it cannot say which orders
 * changed: after the listener lost its connection (changes committed meanwhile were not heard), or after a
 * bulk change (`version`: its newest event). Whoever shows orders then reads again what is in their scope.
 */
export type OrderSignal = { type: "change"; change: TOrderChange } | { type: "resync"; version?: string };

export interface OrderChangeSource {
  /** Calls `onSignal` for every signal until the returned function is called. */
  subscribe(onSignal: (signal: OrderSignal) => void): () => void;
}
