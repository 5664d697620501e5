// Live order updates over SSE (tRPC subscriptions): each event says "this order changed" (id and status, no
// personal data), or "resync" when the subscriber may have missed changes; the page then reads again through
// its ordinary, authorised queries. `lastEventId` is the version the page was read at; on a reconnect the
// browser sends the last one it saw, and hears "resync" if anything changed meanwhile.
import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { OrderChangeSource } from "../../live/order-changes";
import { guestOrderScope, hostOrdersScope } from "../../live/scopes";
import { watchOrders } from "../../live/watch";
import { guestOrderProcedure, heldOrders, hostProcedure, type TRPCContext } from "../trpc";

const ZLiveInputSchema = z.object({
  lastEventId: z
    .string()
    .regex(/^\d{1,19}$/, "lastEventId is the number of the last event seen")
    .nullish(),
});

function orderChanges(ctx: TRPCContext): OrderChangeSource {
  if (!ctx.orderChanges) {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Live updates are not available here." });
  }
  return ctx.orderChanges();
}

export const liveRouter = {
  /** The guest's one order, by code, for the browser that opened its link (the same rule as guestOrder.get). */
  order: guestOrderProcedure.input(ZLiveInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const stillHeld = async () => (await heldOrders(ctx)).some((held) => held.orderId === ctx.order.id);
    const scope = guestOrderScope(ctx.db, ctx.order.id, stillHeld);
    yield* watchOrders(orderChanges(ctx), scope, { since: input.lastEventId ?? "0", signal });
  }),

  /** Every order on the signed-in host's trips (the inbox and the order pages). */
  hostOrders: hostProcedure.input(ZLiveInputSchema).subscription(async function* ({ ctx, input, signal }) {
    const scope = hostOrdersScope(ctx.db, ctx.user);
    yield* watchOrders(orderChanges(ctx), scope, { since: input.lastEventId ?? "0", signal });
  }),
} satisfies TRPCRouterRecord;
