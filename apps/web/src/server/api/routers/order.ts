// Public checkout. POST /api/trpc/order.place with a superjson body {"json": {...}}.
import { placeOrder } from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import type { z } from "zod";
import { byClientIp, phoneKey, rateLimit } from "../../rate-limit";
import { publicProcedure } from "../trpc";
import { ZPlacedOrderSchema } from "./order.schema";
import { ZPlaceOrderInputSchema } from "./place-order.schema";

export const orderRouter = {
  place: publicProcedure
    .input(ZPlaceOrderInputSchema)
    .use(
      rateLimit<z.output<typeof ZPlaceOrderInputSchema>>({
        placementPerIp: byClientIp,
        placementPerPhone: ({ input }) => phoneKey(input.guest.phone),
      }),
    )
    .output(ZPlacedOrderSchema)
    .mutation(({ ctx, input }) =>
      placeOrder(
        ctx.db,
        {
          trip: input.tripId ? { id: input.tripId } : { slug: input.tripSlug ?? "" },
          idempotencyKey: input.idempotencyKey,
          guest: input.guest,
          items: input.items,
        },
        { gate: ctx.placementGate },
      ),
    ),
} satisfies TRPCRouterRecord;
