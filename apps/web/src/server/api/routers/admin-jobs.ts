// The admin's job dashboard: read the queue, then retry or discard failed jobs (one, or a whole error group).
// Admins only; core does the work and writes the audit row.
import { actOnJobs, getJobDetail, getQueueOverview, listAdminActions, listFailedGroups } from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure } from "../trpc";

const ZJobIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, "A job id is a positive whole number.");

/** One or more jobs by id, or a whole group as the failed-jobs page lists it (task + error signature). */
const ZJobTargetSchema = z.union([
  z.object({ jobIds: z.array(ZJobIdSchema).min(1).max(1000) }),
  z.object({ group: z.object({ task: z.string().min(1).max(128), signature: z.string().max(1000) }) }),
]);

export const adminJobsRouter = {
  overview: adminProcedure.query(({ ctx }) => getQueueOverview(ctx.db)),
  failedGroups: adminProcedure.query(({ ctx }) => listFailedGroups(ctx.db)),
  job: adminProcedure
    .input(z.object({ jobId: ZJobIdSchema }))
    .query(({ ctx, input }) => getJobDetail(ctx.db, BigInt(input.jobId))),
  retry: adminProcedure
    .input(ZJobTargetSchema)
    .mutation(({ ctx, input }) =>
      actOnJobs(ctx.db, { action: "retry", target: input, adminUserId: ctx.user.id }),
    ),
  discard: adminProcedure
    .input(ZJobTargetSchema)
    .mutation(({ ctx, input }) =>
      actOnJobs(ctx.db, { action: "discard", target: input, adminUserId: ctx.user.id }),
    ),
  auditLog: adminProcedure.query(({ ctx }) => listAdminActions(ctx.db)),
} satisfies TRPCRouterRecord;
