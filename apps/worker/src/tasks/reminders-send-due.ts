import { queueDueReminders } from "@nitip/core";
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { runClassified } from "../job-control.ts";

export function remindersSendDue(ctx: WorkerContext): Task<"reminders:send-due"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      parseJobPayload("reminders:send-due", payload);
      const queued = await queueDueReminders(ctx.db.prisma);
      if (queued > 0) ctx.log.info({ queued }, "reminders queued");
    });
}
