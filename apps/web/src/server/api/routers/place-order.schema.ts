// order.place's input: the procedure and the browser's checkout form validate with this one schema, so
// this module must stay free of server code (it is bundled into the checkout page).
import { z } from "zod";
import { ZMultiLineText, ZSingleLineText } from "../text.schema";

export const ZPlaceOrderInputSchema = z
  .object({
    tripSlug: ZSingleLineText({ label: "Trip link", max: 80, required: "Give the trip link." }).optional(),
    tripId: z.uuid().optional(),
    // Any client-made string (a UUID from the browser), printable ASCII only.
    idempotencyKey: z
      .string()
      .trim()
      .min(8)
      .max(100)
      .regex(/^[\x21-\x7E]+$/, "The idempotency key must be printable ASCII, e.g. a UUID."),
    guest: z.object({
      name: ZSingleLineText({ label: "Name", max: 120, required: "Enter your name." }),
      phone: ZSingleLineText({
        label: "WhatsApp number",
        max: 30,
        min: 6,
        required: "Enter your WhatsApp number.",
      }),
      email: z.email().max(200).nullish(),
      shippingAddress: ZMultiLineText({
        label: "Shipping address",
        max: 1000,
        min: 5,
        required: "Enter a shipping address.",
      }),
      note: ZMultiLineText({ label: "Note", max: 1000 }).nullish(),
    }),
    items: z
      .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(1000) }))
      .min(1, "Add at least one product.")
      .max(50),
  })
  .refine((v) => (v.tripId === undefined) !== (v.tripSlug === undefined), "Give either tripId or tripSlug.");
