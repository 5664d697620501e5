// What a guest can do with the orders their browser opened through magic links. The order id always comes
// from the browser's credentials (the cookie), picked by order code; never from the client.
import {
  cancelOrder,
  confirmDelivery,
  getGuestOrder,
  requestNewOrderLink,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { byClientIp, rateLimit } from "../../rate-limit";
import { ZMultiLineText } from "../text.schema";
import { guestOrderProcedure, heldOrders, publicProcedure } from "../trpc";
import {
  decodeProofFile,
  ZGuestOrderSchema,
  ZHeldOrdersSchema,
  ZProofFileSchema,
  ZTransitionResultSchema,
} from "./order.schema";

const guest = { type: "guest" } as const;

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

  uploadDownPaymentProof: guestOrderProcedure
    .input(z.object({ fileBase64: ZProofFileSchema }))
    .output(ZTransitionResultSchema.extend({ validationDueAt: z.date() }))
    .mutation(({ ctx, input }) =>
      submitDownPaymentProof(ctx.db, ctx.storage, {
        orderId: ctx.order.id,
        file: decodeProofFile(input.fileBase64),
      }),
    ),

  uploadFinalPaymentProof: guestOrderProcedure
    .input(z.object({ fileBase64: ZProofFileSchema }))
    .output(ZTransitionResultSchema)
    .mutation(({ ctx, input }) =>
      submitFinalPaymentProof(ctx.db, ctx.storage, {
        orderId: ctx.order.id,
        file: decodeProofFile(input.fileBase64),
      }),
    ),

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
