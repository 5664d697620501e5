// Daily pruning, in bounded batches so one run never holds a long lock: expired or revoked magic-link tokens
// (a week after they stopped working), sent outbox rows and job history past retention, old pacing rows, and
// heartbeats of workers long gone.
import type { Db } from "@nitip/db";
import { parseJobPayload } from "@nitip/jobs";
import type { Task } from "graphile-worker";
import type { WorkerContext } from "../context.ts";
import { runClassified } from "../job-control.ts";

const batch = 5_000;

async function deleteInBatches(db: Db, table: string, where: string, ...values: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      `delete from ${table} where ctid = any(array(select ctid from ${table} where ${where} limit ${batch}))`,
      ...values,
    );
    total += deleted;
    if (deleted < batch) return total;
  }
}

export async function cleanup(db: Db, retention: { outboxDays: number; jobRunDays: number }) {
  return {
    tokens: await deleteInBatches(
      db,
      "guest_access_tokens",
      "expires_at < now() - interval '7 days' or revoked_at < now() - interval '7 days'",
    ),
    outbox: await deleteInBatches(
      db,
      "notification_outbox",
      "status = 'sent' and sent_at < now() - $1 * interval '1 day'",
      retention.outboxDays,
    ),
    jobRuns: await deleteInBatches(
      db,
      "job_runs",
      "started_at < now() - $1 * interval '1 day'",
      retention.jobRunDays,
    ),
    pacing: await deleteInBatches(db, "notification_pacing", "next_allowed_at < now() - interval '1 day'"),
    heartbeats: await deleteInBatches(db, "worker_heartbeats", "last_seen_at < now() - interval '1 day'"),
  };
}

export function maintenanceCleanup(ctx: WorkerContext): Task<"maintenance:cleanup"> {
  return (payload, helpers) =>
    runClassified(helpers, async () => {
      parseJobPayload("maintenance:cleanup", payload);
      const deleted = await cleanup(ctx.db.prisma, {
        outboxDays: ctx.env.OUTBOX_RETENTION_DAYS,
        jobRunDays: ctx.env.JOB_HISTORY_RETENTION_DAYS,
      });
      ctx.log.info({ deleted }, "maintenance cleanup done");
    });
}
