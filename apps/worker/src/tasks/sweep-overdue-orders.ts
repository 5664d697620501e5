// Cron safety net: catch up on every deadline the per-order jobs missed. The order engine's set-based
// functions take a batch of overdue orders with FOR UPDATE SKIP LOCKED in one transaction each, so two workers
// sweeping at once split the rows instead of fighting over them. We loop until a batch comes back short or
// the time budget is spent (the next minute's run continues).
import { confirmOverdueDeliveries, expireOverdueOrders, rejectOverdueValidations } from "@nitip/core";
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { runClassified } from "../job-control.ts";

export interface SweepOptions {
  batchSize: number;
  budgetMs: number;
}

export const defaultSweepOptions: SweepOptions = { batchSize: 300, budgetMs: 40_000 };

async function drain(run: () => Promise<readonly unknown[]>, options: SweepOptions, deadline: number) {
  let total = 0;
  while (Date.now() < deadline) {
    const changed = await run();
    total += changed.length;
    if (changed.length < options.batchSize) break;
  }
  return total;
}

export function sweepOverdueOrders(
  ctx: WorkerContext,
  options: SweepOptions = defaultSweepOptions,
): Task<"sweep:overdue-orders"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      parseJobPayload("sweep:overdue-orders", payload);
      const deadline = Date.now() + options.budgetMs;
      const db = ctx.db.prisma;
      const expired = await drain(
        () => expireOverdueOrders(db, { limit: options.batchSize }),
        options,
        deadline,
      );
      const rejected = await drain(
        () => rejectOverdueValidations(db, { limit: options.batchSize }),
        options,
        deadline,
      );
      const delivered = await drain(
        () => confirmOverdueDeliveries(db, { limit: options.batchSize }),
        options,
        deadline,
      );
      if (expired + rejected + delivered > 0) {
        ctx.log.info({ expired, rejected, delivered }, "overdue sweep caught up");
      }
    });
}
