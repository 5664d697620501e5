// zod schemas shared by the order, guest-order and host-order routers.
import { assertProofSize, maxProofBytes } from "@nitip/core";
import { z } from "zod";

const ZStatusSchema = z.enum([
  "pending_dp",
  "awaiting_validation",
  "awaiting_final_payment",
  "awaiting_final_validation",
  "paid",
  "shipped",
  "delivered",
  "expired",
  "cancelled",
  "rejected",
  "refunded",
]);

export const ZOrderStatusSchema = ZStatusSchema;

// In its own module (zod only) so the checkout form in the browser validates with this very schema.
export { ZPlaceOrderInputSchema } from "./place-order.schema";

export const ZPlacedOrderSchema = z.object({
  order: z.object({
    id: z.string(),
    code: z.string(),
    status: ZStatusSchema,
    paymentType: z.enum(["dp", "full"]),
    subtotal: z.number().int(),
    dpAmount: z.number().int(),
    paymentDueAt: z.date(),
  }),
  token: z.string(),
  tokenExpiresAt: z.date(),
  replayed: z.boolean(),
});

/** The longest base64 text of a file within the limit: 4 characters for every 3 bytes, padded to a group. */
export const maxProofBase64Length = Math.ceil(maxProofBytes / 3) * 4;

const formatMegabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * A proof file as base64: the host's refund proof (guests upload theirs as multipart, guest-proof-upload.ts). The decoded size is checked from the
 * string length before anything is decoded, so an oversized upload is refused with its size in words.
 */
export const ZProofFileSchema = z
  .string()
  .max(maxProofBase64Length, {
    error: (issue) => {
      const length = typeof issue.input === "string" ? issue.input.length : maxProofBase64Length + 1;
      const size = formatMegabytes((length * 3) / 4);
      const limit = formatMegabytes(maxProofBytes);
      return size === limit
        ? `File is just over the ${limit} limit.`
        : `File is ${size}; the limit is ${limit}.`;
    },
  })
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, "The file must be sent as base64.");

export function decodeProofFile(base64: string): Uint8Array {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  assertProofSize(Math.floor((base64.length * 3) / 4) - padding);
  return new Uint8Array(Buffer.from(base64, "base64"));
}

export const ZTransitionResultSchema = z.object({ orderId: z.string(), status: ZStatusSchema });

export const ZHeldOrdersSchema = z.array(
  z.object({
    code: z.string(),
    status: ZStatusSchema,
    tripTitle: z.string(),
    tripSlug: z.string(),
    createdAt: z.date(),
  }),
);

export const ZGuestOrderSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: ZStatusSchema,
  guestName: z.string(),
  guestPhone: z.string(),
  guestEmail: z.string().nullable(),
  shippingAddress: z.string(),
  note: z.string().nullable(),
  paymentType: z.enum(["dp", "full"]),
  subtotal: z.number().int(),
  dpAmount: z.number().int(),
  finalAmount: z.number().int().nullable(),
  shippingFee: z.number().int(),
  otherFees: z.number().int(),
  /** Accepted down and final payments. */
  paid: z.number().int(),
  refundOwed: z.number().int(),
  paymentDueAt: z.date(),
  validationDueAt: z.date().nullable(),
  finalDueAt: z.date().nullable(),
  deliveryDueAt: z.date().nullable(),
  courier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  createdAt: z.date(),
  items: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      unitPrice: z.number().int(),
      quantity: z.number().int(),
      lineTotal: z.number().int(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["dp", "final", "refund"]),
      amount: z.number().int(),
      status: z.enum(["submitted", "accepted", "rejected", "recorded"]),
      rejectReason: z.string().nullable(),
      submittedAt: z.date(),
      validatedAt: z.date().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      fromStatus: ZStatusSchema.nullable(),
      toStatus: ZStatusSchema,
      actorType: z.enum(["guest", "host", "admin", "system"]),
      reason: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  guestCan: z.object({
    cancel: z.boolean(),
    refundIfCancelled: z.number().int(),
    proof: z.enum(["dp", "final"]).nullable(),
    confirmDelivery: z.boolean(),
  }),
  trip: z.object({
    title: z.string(),
    slug: z.string(),
    host: z.object({
      displayName: z.string(),
      bankAccounts: z.array(
        z.object({
          bankName: z.string(),
          accountNumber: z.string(),
          accountHolder: z.string(),
          isPrimary: z.boolean(),
        }),
      ),
    }),
  }),
});
