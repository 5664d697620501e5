// order.place's input: the procedure and the browser's checkout form validate with this one schema, so
// this module must stay free of server code (it is bundled into the checkout page).
import { z } from "zod";

export const ZPlaceOrderInputSchema = z
  .object({
    tripSlug: z.string().trim().min(1).max(80).optional(),
    tripId: z.uuid().optional(),
    idempotencyKey: z.string().trim().min(8).max(100),
    guest: z.object({
      name: z.string().trim().min(1, "Enter your name.").max(120),
      phone: z.string().trim().min(6, "Enter your WhatsApp number.").max(30),
      email: z.email().max(200).nullish(),
      shippingAddress: z.string().trim().min(5, "Enter a shipping address.").max(1000),
      note: z.string().trim().max(1000).nullish(),
    }),
    items: z
      .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(1000) }))
      .min(1, "Add at least one product.")
      .max(50),
  })
  .refine((v) => (v.tripId === undefined) !== (v.tripSlug === undefined), "Give either tripId or tripSlug.");
