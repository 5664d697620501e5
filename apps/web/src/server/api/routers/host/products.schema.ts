// Product forms (client-safe). Stock is "units still available"; null means unlimited.
import { limits } from "@nitip/core/limits";
import { z } from "zod";
import { ZMultiLineText, ZSingleLineText } from "../../text.schema";

const ZStockSchema = z.number().int().min(limits.stock.min).max(limits.stock.max).nullable();

export const ZProductDetailsSchema = z.object({
  name: ZSingleLineText({
    label: "Product name",
    max: limits.productName.max,
    min: limits.productName.min,
    required: "validation.required",
  }),
  description: ZMultiLineText({ label: "Description", max: limits.description.max }).nullish(),
  price: z.number().int().min(limits.price.min).max(limits.price.max),
  maxPerOrder: z.number().int().min(limits.maxPerOrder.min).max(limits.maxPerOrder.max).nullish(),
  imageUrl: z
    .url({ protocol: /^https$/, error: "validation.httpsUrl" })
    .max(limits.imageUrl.max)
    .nullish()
    .or(z.literal("").transform(() => null)),
});

export const ZProductIdSchema = z.object({ productId: z.uuid() });
export const ZAddProductSchema = z.object({
  tripId: z.uuid(),
  product: ZProductDetailsSchema.extend({ stockAvailable: ZStockSchema }),
});
export const ZUpdateProductSchema = ZProductIdSchema.extend({ product: ZProductDetailsSchema });
/** `expected` is the figure the host was looking at; a changed figure is refused, not overwritten. */
export const ZSetProductStockSchema = ZProductIdSchema.extend({
  stockAvailable: ZStockSchema,
  expected: ZStockSchema,
});
export const ZSetProductHiddenSchema = ZProductIdSchema.extend({ hidden: z.boolean() });
