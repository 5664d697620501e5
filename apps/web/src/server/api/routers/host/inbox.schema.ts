import { z } from "zod";
import { ZSingleLineText } from "../../text.schema";
import { ZOrderStatusSchema } from "../order.schema";

export const ZInboxFilterSchema = z.object({
  tripId: z.uuid().optional(),
  search: ZSingleLineText({ label: "Search", max: 100 }).optional(),
});

export const ZInboxListSchema = ZInboxFilterSchema.extend({
  statuses: z.array(ZOrderStatusSchema).max(11).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
