// Sends one notification outbox row through the configured provider (see notifications/deliver.ts).
import { issueOrderAccessToken } from "@nitip/core";
import { parseJobPayload } from "@nitip/jobs";
import type { JobHelpers, Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { DeferJob, PermanentJobError, RetryJobAt, runClassified } from "../job-control.ts";
import { deliverOutboxRow, markFailed } from "../notifications/deliver.ts";

// Sends under way in this process: one that the provider took must be recorded before the process exits.
const inFlight = new Set<Promise<unknown>>();

/** Resolves when no send is under way in this process. */
export async function sendsDrained(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

export function notifySend(ctx: WorkerContext): Task<"notify:send"> {
  return (payload, helpers) => {
    const send = sendOne(ctx, payload, helpers);
    inFlight.add(send);
    return send.finally(() => inFlight.delete(send));
  };
}

function sendOne(ctx: WorkerContext, payload: unknown, helpers: JobHelpers): Promise<void> {
  const { env } = ctx;
  return runClassified(helpers, async () => {
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
