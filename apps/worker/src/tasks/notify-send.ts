// Sends one notification outbox row through the configured provider (see notifications/deliver.ts).
import { issueOrderAccessToken } from "@nitip/core";
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { DeferJob, PermanentJobError, RetryJobAt, runClassified } from "../job-control.ts";
import { deliverOutboxRow, markFailed } from "../notifications/deliver.ts";

export function notifySend(ctx: WorkerContext): Task<"notify:send"> {
  const { env } = ctx;
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      const { outboxId } = parseJobPayload("notify:send", payload);
      try {
        const result = await deliverOutboxRow(
          {
            db: ctx.db.prisma,
            providers: ctx.providers,
            appBaseUrl: env.APP_BASE_URL,
            timeoutMs: env.NOTIFY_TIMEOUT_MS,
            recipientIntervalMs: env.NOTIFY_RECIPIENT_INTERVAL_MS,
            globalRatePerS: env.NOTIFY_GLOBAL_RATE_PER_S,
            mintOrderToken: async (tx, orderId) => (await issueOrderAccessToken(tx, orderId)).token,
            abortSignal: helpers.abortSignal,
            retry: { retryForMs: env.NOTIFY_RETRY_FOR_MS, maxIntervalMs: env.NOTIFY_RETRY_MAX_INTERVAL_MS },
            jobCreatedAt: new Date(helpers.job.created_at),
          },
          outboxId,
        );
        ctx.log.debug({ outboxId, result: result.status }, "notify:send done");
      } catch (error) {
        // Any other error (the database, a bug) on the job's last attempt: graphile-worker gives up, so the row
        // must say so too, or it would wait as `pending` forever.
        const { job } = helpers;
        const handled =
          error instanceof PermanentJobError || error instanceof DeferJob || error instanceof RetryJobAt;
        if (!handled && job.attempts >= job.max_attempts) {
          await markFailed(ctx.db.prisma, outboxId, error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
    });
}
