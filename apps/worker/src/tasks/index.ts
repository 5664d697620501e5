// The task list: one handler per catalog entry. `satisfies` makes a catalog entry without a handler (or a
// handler for a name not in the catalog) a type error.
import type { JobName } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { maintenanceCleanup } from "./maintenance-cleanup.ts";
import { notifySend } from "./notify-send.ts";
import { orderExpireDp, orderValidationTimeout } from "./order-deadlines.ts";
import { remindersSendDue } from "./reminders-send-due.ts";
import { type SweepOptions, sweepOverdueOrders } from "./sweep-overdue-orders.ts";
import { tripPublished } from "./trip-published.ts";

export type NitipTaskList = { [Name in JobName]: Task<Name> };

export function createTaskList(ctx: WorkerContext, options: { sweep?: SweepOptions } = {}) {
  return {
    "trip:published": tripPublished(ctx),
    "order:expire-dp": orderExpireDp(ctx),
    "order:validation-timeout": orderValidationTimeout(ctx),
    "notify:send": notifySend(ctx),
    "sweep:overdue-orders": sweepOverdueOrders(ctx, options.sweep),
    "reminders:send-due": remindersSendDue(ctx),
    "maintenance:cleanup": maintenanceCleanup(ctx),
  } satisfies NitipTaskList;
}
