// Trip forms and actions (client-safe). The trip's days are `YYYY-MM-DD` (read as UTC midnight, the DATE
// column's meaning) and the deadline an instant; coercion keeps a form's parsed output valid input again.
import { limits } from "@nitip/core/limits";
import { z } from "zod";
import { ZSingleLineText } from "../../text.schema";

const ZDaySchema = z.coerce.date("validation.date");

export const ZTripFieldsSchema = z.object({
  title: ZSingleLineText({
    label: "Title",
    max: limits.tripTitle.max,
    min: limits.tripTitle.min,
    required: "validation.required",
  }),
  destination: ZSingleLineText({
    label: "Destination",
    max: limits.destination.max,
    min: limits.destination.min,
    required: "validation.required",
  }),
  startsOn: ZDaySchema,
  endsOn: ZDaySchema,
  orderDeadline: z.coerce.date("validation.date"),
  paymentType: z.enum(["dp", "full"]),
  dpPercent: z.number().int().min(limits.dpPercent.min).max(limits.dpPercent.max).nullish(),
  dpWindowMinutes: z.number().int().min(limits.dpWindowMinutes.min).max(limits.dpWindowMinutes.max).nullish(),
});

export const ZTripIdSchema = z.object({ tripId: z.uuid() });
export const ZCreateTripSchema = ZTripFieldsSchema;
export const ZUpdateTripSchema = ZTripIdSchema.extend({ trip: ZTripFieldsSchema });
export const ZMoveTripSchema = ZTripIdSchema.extend({
  action: z.enum(["publish", "close", "complete", "cancel"]),
});

export type TTripFieldsInput = z.input<typeof ZTripFieldsSchema>;
