// The admin's job dashboard: read the queue, the running and scheduled jobs, the crontab and the notification
// outbox; retry, discard or replay failed jobs, free a dead worker's jobs, send a given-up notification again.
// Admins only; core does the work and writes the audit row.
import {
  actOnJobs,
  countOutbox,
  deadAfterSeconds,
  forceUnlockWorker,
  getJobDetail,
  getQueueOverview,
  getThroughput,
  listAdminActions,
  listCronStatus,
  listFailedGroups,
  listOutbox,
  listRunningJobs,
  listScheduledJobs,
  listWorkers,
  replayJob,
  resendNotification,
  stuckAfterSeconds,
} from "@nitip/core";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { ZSingleLineText } from "../text.schema";
import { adminProcedure } from "../trpc";

const ZJobIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, "A job id is a positive whole number.");

/** The failed page's filter, as its URL carries it. */
export const ZFailedFilterSchema = z.object({
  task: ZSingleLineText({
    label: "Task",
    max: 128,
    required: "Name a task, or leave the filter out.",
  }).optional(),
  text: ZSingleLineText({
    label: "Search text",
    max: 200,
    required: "Type some text, or leave the filter out.",
  }).optional(),
  withinHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .optional(),
});

/** One or more jobs by id, or a whole group as the failed-jobs page lists it (task + error signature). */
const ZJobTargetSchema = z.union([
  z.object({ jobIds: z.array(ZJobIdSchema).min(1).max(1000) }),
  z.object({
    group: z.object({
      task: ZSingleLineText({ label: "Task", max: 128, required: "A group names its task." }),
      // Compared exactly with the signatures the failed page listed, so not trimmed; PostgreSQL refuses NUL.
      signature: z
        .string()
        .max(1000)
        .refine(
          (text) => text.isWellFormed() && !text.includes("\0"),
          "The group's signature is not valid text.",
        ),
    }),
    filter: ZFailedFilterSchema.optional(),
  }),
]);

/** The edited payload arrives as the JSON text the admin typed; the catalog's schema checks it in core. */
const ZPayloadJsonSchema = z
  .string()
  .max(100_000)
  // PostgreSQL's jsonb refuses the NUL character (raw or as \u0000): say so instead of failing the insert.
  .refine((text) => !text.includes("\0") && !/\\u0000/i.test(text), "The payload contains a NUL character.")
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The payload is not valid JSON." });
      return z.NEVER;
    }
  });

export const adminJobsRouter = {
  overview: adminProcedure.query(async ({ ctx }) => {
    const [queue, workers, outbox] = await Promise.all([
      getQueueOverview(ctx.db),
      listWorkers(ctx.db),
      countOutbox(ctx.db),
    ]);
    return { ...queue, workers, outbox, deadAfterSeconds };
  }),
  throughput: adminProcedure
    .input(z.object({ window: z.enum(["hour", "day"]) }))
    .query(({ ctx, input }) => getThroughput(ctx.db, input.window)),
  failedGroups: adminProcedure
    .input(ZFailedFilterSchema.optional())
    .query(({ ctx, input }) => listFailedGroups(ctx.db, input)),
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
  replay: adminProcedure
    .input(z.object({ jobId: ZJobIdSchema, payload: ZPayloadJsonSchema }))
    .mutation(({ ctx, input }) =>
      replayJob(ctx.db, { jobId: BigInt(input.jobId), payload: input.payload, adminUserId: ctx.user.id }),
    ),
  running: adminProcedure.query(async ({ ctx }) => ({
    jobs: await listRunningJobs(ctx.db),
    stuckAfterSeconds,
  })),
  scheduled: adminProcedure.query(({ ctx }) => listScheduledJobs(ctx.db)),
  forceUnlock: adminProcedure
    .input(
      z.object({ workerId: ZSingleLineText({ label: "Worker id", max: 200, required: "Name the worker." }) }),
    )
    .mutation(({ ctx, input }) =>
      forceUnlockWorker(ctx.db, { workerId: input.workerId, adminUserId: ctx.user.id }),
    ),
  cron: adminProcedure.query(({ ctx }) => listCronStatus(ctx.db)),
  notifications: adminProcedure
    .input(
      z
        .object({
          status: z.enum(["pending", "sent", "failed"]).optional(),
          channel: z.enum(["whatsapp", "email"]).optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => ({
      counts: await countOutbox(ctx.db),
      rows: await listOutbox(ctx.db, input),
    })),
  resendNotification: adminProcedure
    .input(z.object({ outboxId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      resendNotification(ctx.db, { outboxId: input.outboxId, adminUserId: ctx.user.id }),
    ),
  auditLog: adminProcedure.query(({ ctx }) => listAdminActions(ctx.db)),
} satisfies TRPCRouterRecord;
