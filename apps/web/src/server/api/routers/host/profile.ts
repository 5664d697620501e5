import { getHostProfile, saveHostProfile } from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { hostProcedure } from "../../trpc";
import { ZSaveHostProfileSchema } from "./profile.schema";

/** The signed-in user's own host profile (onboarding, then editing). */
export const hostProfileRouter = {
  /** Null before onboarding. */
  get: hostProcedure.query(({ ctx }) => getHostProfile(ctx.db, ctx.user.id)),

  save: hostProcedure
    .input(ZSaveHostProfileSchema)
    .mutation(({ ctx, input }) => saveHostProfile(ctx.db, { userId: ctx.user.id, ...input })),
} satisfies TRPCRouterRecord;
