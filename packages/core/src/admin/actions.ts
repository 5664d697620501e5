// Admin recovery of jobs: retry now, or discard. Both go through graphile-worker's public admin functions,
// which skip jobs a worker holds right now, so the result says "N of M affected" and why the rest were not.
// The SQL functions are called directly rather than through WorkerUtils: `rescheduleJobs` sends
// `attempts || null`, so it cannot reset attempts to 0, and a failed job keeps its used-up attempts otherwise.
// The change and its audit row commit together.
import type { Db, Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { reopenFailedNotifications } from "../notifications/outbox.ts";
import { recordAdminAction } from "./audit.ts";
import { type FailedJobFilter, failedJobIdsOfGroup } from "./queue.ts";

export type JobTarget =
  | { jobIds: string[] }
  /** A group as the failed page shows it: with the page's filter, so the action touches what was listed. */
  | { group: { task: string; signature: string }; filter?: FailedJobFilter };

export interface ActionResult {
  requested: number;
  affected: number;
  /** Jobs asked for but left alone: `running` (a worker holds it) or `gone` (no longer in the queue). */
  skipped: { jobId: string; reason: "running" | "gone" }[];
}

async function resolveTarget(db: Db, target: JobTarget): Promise<bigint[]> {
  if ("group" in target) return failedJobIdsOfGroup(db, target.group, target.filter);
  return [...new Set(target.jobIds)].map((id) => BigInt(id));
}

/**
 * A retried `notify:send` job finds its outbox row `failed` (that is why the job failed) and would skip it:
 * the row goes back to `pending` with the retry, so the message is really sent this time.
 */
export async function reopenNotificationsOfJobs(tx: Tx, jobIds: readonly bigint[]): Promise<void> {
  if (jobIds.length === 0) return;
  // The payload lives only in graphile-worker's private table (its `jobs` view has none); read-only here.
  const rows = await tx.$queryRaw<{ outboxId: string }[]>`
    select p.payload->>'outboxId' as "outboxId"
      from graphile_worker.jobs v join graphile_worker._private_jobs p on p.id = v.id
     where v.id = any(${[...jobIds]}::bigint[]) and v.task_identifier = 'notify:send'
       and p.payload->>'outboxId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
  await reopenFailedNotifications(
    tx,
    rows.map((row) => row.outboxId),
  );
}

export async function actOnJobs(
  db: Db,
  input: { action: "retry" | "discard"; target: JobTarget; adminUserId: string },
): Promise<ActionResult> {
  const ids = await resolveTarget(db, input.target);
  if (ids.length === 0) {
    throw new DomainError("NOT_FOUND", "No failed jobs match this target any more; reload the page.");
  }
  return db.$transaction(async (tx) => {
    const changed =
      input.action === "retry"
        ? await tx.$queryRaw<{ id: bigint }[]>`
            select id from graphile_worker.reschedule_jobs(${ids}::bigint[], run_at := now(), attempts := 0)`
        : await tx.$queryRaw<{ id: bigint }[]>`
            select id from graphile_worker.complete_jobs(${ids}::bigint[])`;
    const affected = changed.map((row) => row.id);
    if (input.action === "retry") await reopenNotificationsOfJobs(tx, affected);
    const affectedSet = new Set(affected);
    const leftAlone = ids.filter((id) => !affectedSet.has(id));
    const stillQueued = new Set(
      leftAlone.length === 0
        ? []
        : (
            await tx.$queryRaw<{ id: bigint }[]>`
              select id from graphile_worker.jobs where id = any(${leftAlone}::bigint[])`
          ).map((row) => row.id),
    );
    await recordAdminAction(tx, {
      adminUserId: input.adminUserId,
      action: input.action,
      target: "group" in input.target ? `${input.target.group.task}: ${input.target.group.signature}` : null,
      jobIds: ids,
      affectedIds: affected,
    });
    return {
      requested: ids.length,
      affected: affected.length,
      skipped: leftAlone.map((id) => ({
        jobId: id.toString(),
        reason: stillQueued.has(id) ? ("running" as const) : ("gone" as const),
      })),
    };
  });
}
