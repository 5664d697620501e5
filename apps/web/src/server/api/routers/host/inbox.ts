import { inboxCounts, listInbox } from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { hostProcedure } from "../../trpc";
import { workspaceActor } from "./actor";
import { ZInboxFilterSchema, ZInboxListSchema } from "./inbox.schema";

/** The order inbox across the host's trips: proofs waiting first, oldest first, keyset pages. */
export const hostInboxRouter = {
  list: hostProcedure
    .input(ZInboxListSchema)
    .query(({ ctx, input }) => listInbox(ctx.db, { actor: workspaceActor(ctx.user), ...input })),

  counts: hostProcedure
    .input(ZInboxFilterSchema)
    .query(({ ctx, input }) => inboxCounts(ctx.db, { actor: workspaceActor(ctx.user), ...input })),
} satisfies TRPCRouterRecord;
