// What a guest can do with the orders their browser opened through magic links. The order id always comes
// from the browser's credentials (the cookie), picked by order code; never from the client.
import { cancelOrder, confirmDelivery, getGuestOrder, requestNewOrderLink } from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { byClientIp, rateLimit } from "../../rate-limit";
import { ZMultiLineText } from "../text.schema";
import { guestOrderProcedure, heldOrders, publicProcedure } from "../trpc";
import { ZGuestOrderSchema, ZHeldOrdersSchema, ZTransitionResultSchema } from "./order.schema";

const guest = { type: "guest" } as const;

// Payment proofs are not here: they are files, sent as multipart to POST /api/orders/<code>/proofs
// (server/guest-proof-upload.ts), authorised by the same browser credential.

export const guestOrderRouter = {
  /** The orders this browser opened (newest link first): what the guest's order list shows. */
  mine: publicProcedure
    .use(rateLimit({ tokenLookupPerIp: byClientIp }))
    .output(ZHeldOrdersSchema)
    .query(async ({ ctx }) =>
      (await heldOrders(ctx)).map(({ code, status, tripTitle, tripSlug, createdAt }) => ({
        code,
        status,
        tripTitle,
        tripSlug,
        createdAt,
      })),
    ),

  /**
   * "Send me a new link": with the order code and the guest's WhatsApp number. When they match, the order's
   * links and browser credentials are revoked and a fresh link goes out by WhatsApp; the answer is the same
   * either way. At most one such message per order per window (core), and counted per client IP.
   */
  requestNewLink: publicProcedure
    .input(z.object({ orderCode: z.string().trim().min(1).max(40), phone: z.string().trim().min(1).max(40) }))
    .use(rateLimit({ tokenLookupPerIp: byClientIp }))
    .output(z.object({ message: z.string() }))
    .mutation(({ ctx, input }) => requestNewOrderLink(ctx.db, input)),

  get: guestOrderProcedure.output(ZGuestOrderSchema).query(({ ctx }) => getGuestOrder(ctx.db, ctx.order.id)),

  cancel: guestOrderProcedure
    .input(z.object({ reason: ZMultiLineText({ label: "Reason", max: 500 }).optional() }))
    .output(ZTransitionResultSchema.extend({ refundOwed: z.number().int() }))
    .mutation(({ ctx, input }) =>
      cancelOrder(ctx.db, { orderId: ctx.order.id, actor: guest, reason: input.reason }),
    ),

  confirmDelivery: guestOrderProcedure
    .output(ZTransitionResultSchema)
    .mutation(({ ctx }) => confirmDelivery(ctx.db, { orderId: ctx.order.id, actor: guest })),
} satisfies TRPCRouterRecord;
