import { getPublicTrip, publishTrip } from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { hostProcedure, publicProcedure } from "../trpc";

export const ZTripSlugSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9-]+$/, "A trip link uses lowercase letters, digits and dashes.");

const ZPublicTripSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  destination: z.string(),
  startsOn: z.date(),
  endsOn: z.date(),
  orderDeadline: z.date(),
  status: z.string(),
  paymentType: z.enum(["dp", "full"]),
  host: z.object({
    displayName: z.string(),
    slug: z.string(),
    originCity: z.string().nullable(),
    bankAccounts: z.array(
      z.object({
        bankName: z.string(),
        accountNumber: z.string(),
        accountHolder: z.string(),
        isPrimary: z.boolean(),
      }),
    ),
  }),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      price: z.number().int(),
      stockAvailable: z.number().int().nullable(),
      maxPerOrder: z.number().int().nullable(),
      imageUrl: z.string().nullable(),
    }),
  ),
});

export const tripRouter = {
  bySlug: publicProcedure
    .input(z.object({ slug: ZTripSlugSchema }))
    .output(ZPublicTripSchema)
    .query(({ ctx, input }) => getPublicTrip(ctx.db, input.slug)),

  publish: hostProcedure
    .input(z.object({ tripId: z.uuid() }))
    .mutation(({ ctx, input }) => publishTrip(ctx.db, { tripId: input.tripId, hostUserId: ctx.user.id })),
} satisfies TRPCRouterRecord;
