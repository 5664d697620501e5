// Cron safety net: catch up on every deadline the per-order jobs missed. The order engine's set-based
// functions take a batch of overdue orders with FOR UPDATE SKIP LOCKED in one transaction each, so batches in
// flight at the same time (here, or in another worker's sweep) split the rows instead of fighting over them.
// Per rule, `parallel` loops each run batches until one comes back short (the rows left are taken or held by
// someone else) or the time budget is spent (the next minute's run continues). The batch size is the order
// engine's (`defaultSweepBatch`), in one place. `runOverdueSweep` is what the task runs and what
// `bench/sweep.ts` times.
import {
  confirmOverdueDeliveries,
  type DeadlineSweepOptions,
  defaultSweepBatch,
  expireOverdueOrders,
  rejectOverdueValidations,
} from "@nitip/core";
import type { Db } from "@nitip/db";
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { runClassified } from "../job-control.ts";

export interface SweepOptions {
  /** Orders per batch (one transaction). Default: the order engine's batch (it clamps to its maximum). */
  batchSize?: number;
  /**
   * Batches in flight at once, per rule. Each holds a pool connection for its transaction. Concurrent batches
   * contend only on the popular products' rows in the stock release (last statement, held until commit);
   * a deadlock there is retried by the order engine.
   */
  parallel: number;
  /** Stop starting batches after this long; the next cron run continues. */
  budgetMs: number;
}

/**
 * Two batches in flight: measured on the 2-core bench box (bench/README.md, `sweep`), one batch leaves the
 * database waiting on each commit's fsync and on the client round trips; more than two adds lock waits on the
 * products' rows without more throughput.
 */
export const defaultSweepOptions: SweepOptions = { parallel: 2, budgetMs: 40_000 };

export interface SweepResult {
  expired: number;
  rejected: number;
  delivered: number;
  batches: number;
}

type SweepFn = (db: Db, options: DeadlineSweepOptions) => Promise<readonly unknown[]>;

/** Runs the three set-based sweeps one after another, each with `parallel` batches in flight. */
export async function runOverdueSweep(
  db: Db,
  options: SweepOptions = defaultSweepOptions,
): Promise<SweepResult> {
  const batchSize = options.batchSize ?? defaultSweepBatch;
  const parallel = Math.max(1, Math.floor(options.parallel));
  const deadline = Date.now() + options.budgetMs;
  let batches = 0;

  async function drain(sweep: SweepFn): Promise<number> {
    const loops = Array.from({ length: parallel }, async () => {
      let moved = 0;
      while (Date.now() < deadline) {
        const changed = await sweep(db, { limit: batchSize });
        batches++;
        moved += changed.length;
        if (changed.length < batchSize) break;
      }
      return moved;
    });
    return (await Promise.all(loops)).reduce((sum, n) => sum + n, 0);
  }

  const expired = await drain(expireOverdueOrders);
  const rejected = await drain(rejectOverdueValidations);
  const delivered = await drain(confirmOverdueDeliveries);
  return { expired, rejected, delivered, batches };
}

export function sweepOverdueOrders(
  ctx: WorkerContext,
  options: SweepOptions = defaultSweepOptions,
): Task<"sweep:overdue-orders"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      parseJobPayload("sweep:overdue-orders", payload);
      const { expired, rejected, delivered, batches } = await runOverdueSweep(ctx.db.prisma, options);
      if (expired + rejected + delivered > 0) {
        ctx.log.info({ expired, rejected, delivered, batches }, "overdue sweep caught up");
      }
    });
}
