// Sends one notification outbox row through the configured provider (see notifications/deliver.ts).
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { runClassified } from "../job-control.ts";
import { deliverOutboxRow } from "../notifications/deliver.ts";

export function notifySend(ctx: WorkerContext): Task<"notify:send"> {
  const { env } = ctx;
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      const { outboxId } = parseJobPayload("notify:send", payload);
      const result = await deliverOutboxRow(
        {
          db: ctx.db.prisma,
          providers: ctx.providers,
          appBaseUrl: env.APP_BASE_URL,
          timeoutMs: env.NOTIFY_TIMEOUT_MS,
          recipientIntervalMs: env.NOTIFY_RECIPIENT_INTERVAL_MS,
          globalRatePerS: env.NOTIFY_GLOBAL_RATE_PER_S,
          abortSignal: helpers.abortSignal,
        },
        outboxId,
      );
      ctx.log.debug({ outboxId, result: result.status }, "notify:send done");
    });
}
