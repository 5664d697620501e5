// The host's actions on one order (the inbox is hostInbox; proofs are served by /api/proofs/<paymentId>).
// Core checks that the order belongs to one of the host's trips (admins may act on any); a foreign order looks
// exactly like a missing one.
import {
  type Actor,
  acceptPayment,
  cancelOrder,
  getHostOrder,
  issueFinalInvoice,
  recordRefund,
  rejectPayment,
  shipOrder,
} from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ZMultiLineText, ZSingleLineText } from "../text.schema";
import { hostProcedure, type SessionUser } from "../trpc";
import { decodeProofFile, ZProofFileSchema } from "./order.schema";

const actorOf = (user: SessionUser): Actor => ({ type: user.role, id: user.id });
const ZOrderIdSchema = z.object({ orderId: z.uuid() });

export const hostOrderRouter = {
  get: hostProcedure
    .input(ZOrderIdSchema)
    .query(({ ctx, input }) => getHostOrder(ctx.db, { orderId: input.orderId, actor: actorOf(ctx.user) })),

  acceptPayment: hostProcedure
    .input(ZOrderIdSchema)
    .mutation(({ ctx, input }) =>
      acceptPayment(ctx.db, { orderId: input.orderId, actor: actorOf(ctx.user) }),
    ),

  rejectPayment: hostProcedure
    .input(
      ZOrderIdSchema.extend({
        reason: ZMultiLineText({
          label: "Reason",
          max: 500,
          required: "Give a reason; the guest will see it.",
        }),
      }),
    )
    .mutation(({ ctx, input }) =>
      rejectPayment(ctx.db, { orderId: input.orderId, actor: actorOf(ctx.user), reason: input.reason }),
    ),

  issueFinalInvoice: hostProcedure
    .input(
      ZOrderIdSchema.extend({
        shippingFee: z.number().int().min(0).max(100_000_000),
        otherFees: z.number().int().min(0).max(100_000_000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => issueFinalInvoice(ctx.db, { ...input, actor: actorOf(ctx.user) })),

  ship: hostProcedure
    .input(
      ZOrderIdSchema.extend({
        courier: ZSingleLineText({ label: "Courier", max: 60, required: "Enter the courier." }),
        trackingNumber: ZSingleLineText({
          label: "Tracking number",
          max: 80,
          required: "Enter the tracking number.",
        }),
      }),
    )
    .mutation(({ ctx, input }) => shipOrder(ctx.db, { ...input, actor: actorOf(ctx.user) })),

  cancel: hostProcedure
    .input(
      ZOrderIdSchema.extend({
        reason: ZMultiLineText({
          label: "Reason",
          max: 500,
          required: "Give a reason; the guest will see it.",
        }),
      }),
    )
    .mutation(({ ctx, input }) =>
      cancelOrder(ctx.db, { orderId: input.orderId, actor: actorOf(ctx.user), reason: input.reason }),
    ),

  recordRefund: hostProcedure
    .input(ZOrderIdSchema.extend({ proofBase64: ZProofFileSchema }))
    .mutation(({ ctx, input }) =>
      recordRefund(ctx.db, ctx.storage, {
        orderId: input.orderId,
        actor: actorOf(ctx.user),
        file: decodeProofFile(input.proofBase64),
      }),
    ),
} satisfies TRPCRouterRecord;
