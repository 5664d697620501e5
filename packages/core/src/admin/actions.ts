// Admin recovery of jobs: retry now, or discard. Both go through graphile-worker's public admin functions,
// which skip jobs a worker holds right now, so the result says "N of M affected" and why the rest were not.
// The SQL functions are called directly rather than through WorkerUtils: `rescheduleJobs` sends
// `attempts || null`, so it cannot reset attempts to 0, and a failed job keeps its used-up attempts otherwise.
// The change and its audit row commit together.
import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { failedJobIdsOfGroup } from "./queue.ts";

export type AdminJobAction = "retry" | "discard";

export type JobTarget = { jobIds: string[] } | { group: { task: string; signature: string } };

export interface ActionResult {
  requested: number;
  affected: number;
  /** Jobs asked for but left alone: `running` (a worker holds it) or `gone` (no longer in the queue). */
  skipped: { jobId: string; reason: "running" | "gone" }[];
}

async function resolveTarget(db: Db, target: JobTarget): Promise<bigint[]> {
  if ("group" in target) return failedJobIdsOfGroup(db, target.group);
  return [...new Set(target.jobIds)].map((id) => BigInt(id));
}

export async function actOnJobs(
  db: Db,
  input: { action: AdminJobAction; target: JobTarget; adminUserId: string },
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
    const affected = new Set(changed.map((row) => row.id));
    const leftAlone = ids.filter((id) => !affected.has(id));
    const stillQueued = new Set(
      leftAlone.length === 0
        ? []
        : (
            await tx.$queryRaw<{ id: bigint }[]>`
              select id from graphile_worker.jobs where id = any(${leftAlone}::bigint[])`
          ).map((row) => row.id),
    );
    await tx.adminAction.create({
      data: {
        userId: input.adminUserId,
        action: input.action,
        target:
          "group" in input.target ? `${input.target.group.task}: ${input.target.group.signature}` : null,
        jobIds: ids,
        affectedIds: [...affected],
      },
    });
    return {
      requested: ids.length,
      affected: affected.size,
      skipped: leftAlone.map((id) => ({
        jobId: id.toString(),
        reason: stillQueued.has(id) ? ("running" as const) : ("gone" as const),
      })),
    };
  });
}

export async function listAdminActions(db: Db, limit = 50) {
  const rows = await db.adminAction.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      action: true,
      target: true,
      jobIds: true,
      affectedIds: true,
      createdAt: true,
      user: { select: { email: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    action: row.action as AdminJobAction,
    target: row.target,
    jobIds: row.jobIds.map(String),
    affectedIds: row.affectedIds.map(String),
    createdAt: row.createdAt,
    by: row.user.email,
  }));
}
