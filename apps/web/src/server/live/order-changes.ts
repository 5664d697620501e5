// What the database announces when an order changes: the trigger on order_events (migration
// 20261202080100_order_change_notify) NOTIFYs this channel with the order id, its new status and the event id.
import { z } from "zod";

export const orderChangedChannel = "order_changed";

export const ZOrderChangeSchema = z.object({
  orderId: z.uuid(),
  status: z.string(),
  /** The order_events id: grows with every change, so "anything after version v?" is one indexed query. */
  version: z.string().regex(/^\d+$/),
});
export type TOrderChange = z.infer<typeof ZOrderChangeSchema>;

/**
 * What a subscriber of the process's listener hears: a change, or `resync` after the listener lost its
 * connection (changes committed meanwhile were not heard, so whoever shows orders must read them again).
 */
export type OrderSignal = { type: "change"; change: TOrderChange } | { type: "resync" };

export interface OrderChangeSource {
  /** Calls `onSignal` for every signal until the returned function is called. */
  subscribe(onSignal: (signal: OrderSignal) => void): () => void;
}
