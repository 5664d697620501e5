import {
  addProduct,
  listTripProducts,
  setProductHidden,
  setProductStock,
  updateProductDetails,
} from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { hostProcedure } from "../../trpc";
import { workspaceActor } from "./actor";
import {
  ZAddProductSchema,
  ZSetProductHiddenSchema,
  ZSetProductStockSchema,
  ZUpdateProductSchema,
} from "./products.schema";
import { ZTripIdSchema } from "./trips.schema";

/** A trip's products: list with remaining/reserved/sold units, add, edit, stock, hide. */
export const hostProductRouter = {
  list: hostProcedure
    .input(ZTripIdSchema)
    .query(({ ctx, input }) =>
      listTripProducts(ctx.db, { actor: workspaceActor(ctx.user), tripId: input.tripId }),
    ),

  add: hostProcedure
    .input(ZAddProductSchema)
    .mutation(({ ctx, input }) => addProduct(ctx.db, { actor: workspaceActor(ctx.user), ...input })),

  update: hostProcedure
    .input(ZUpdateProductSchema)
    .mutation(({ ctx, input }) =>
      updateProductDetails(ctx.db, { actor: workspaceActor(ctx.user), ...input }),
    ),

  setStock: hostProcedure
    .input(ZSetProductStockSchema)
    .mutation(({ ctx, input }) => setProductStock(ctx.db, { actor: workspaceActor(ctx.user), ...input })),

  setHidden: hostProcedure
    .input(ZSetProductHiddenSchema)
    .mutation(({ ctx, input }) => setProductHidden(ctx.db, { actor: workspaceActor(ctx.user), ...input })),
} satisfies TRPCRouterRecord;
