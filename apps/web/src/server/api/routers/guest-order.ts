// What a guest can do with the order their magic link opens. The order id always comes from the token.
import {
  cancelOrder,
  confirmDelivery,
  getGuestOrder,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ZMultiLineText } from "../text.schema";
import { guestOrderProcedure } from "../trpc";
import {
  decodeProofFile,
  ZGuestOrderSchema,
  ZProofFileSchema,
  ZTransitionResultSchema,
} from "./order.schema";

const guest = { type: "guest" } as const;

export const guestOrderRouter = {
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
