// Replay a failed job with an edited payload: the payload is checked against the job catalog's zod schema
// before anything is queued, then a new job is added (the catalog's defaults and job key apply) and the failed
// one is completed, in one transaction with the audit row. A job with a job key is replaced in place by
// graphile-worker's add_jobs (same id), so there is nothing left to complete.
import type { Db } from "@nitip/db";
import { enqueue, isJobName, jobCatalog } from "@nitip/jobs";
import { DomainError } from "../errors.ts";
import { reopenNotificationsOfJobs } from "./actions.ts";
import { recordAdminAction } from "./audit.ts";

export interface ReplayResult {
  replacedJobId: string;
  newJobId: string;
}

export async function replayJob(
  db: Db,
  input: { jobId: bigint; payload: unknown; adminUserId: string },
): Promise<ReplayResult> {
  const [job] = await db.$queryRaw<{ task: string; failed: boolean; locked: boolean }[]>`
    select task_identifier as "task", attempts >= max_attempts as "failed", locked_at is not null as "locked"
      from graphile_worker.jobs where id = ${input.jobId}`;
  if (!job)
    throw new DomainError("NOT_FOUND", `Job ${input.jobId} is no longer in the queue; reload the page.`);
  if (job.locked) throw new DomainError("CONFLICT", `Job ${input.jobId} is running; wait for it to finish.`);
  if (!job.failed) {
    throw new DomainError(
      "CONFLICT",
      `Job ${input.jobId} has not failed; only a failed job can be replayed.`,
    );
  }
  const task = job.task;
  if (!isJobName(task)) {
    throw new DomainError(
      "BAD_INPUT",
      `Task ${task} is not in the job catalog, so its payload cannot be checked.`,
    );
  }
  const parsed = jobCatalog[task].payload.safeParse(input.payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`,
    );
    throw new DomainError("BAD_INPUT", `Invalid payload for ${task}: ${problems.join("; ")}`, {
      fields: Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])),
    });
  }
  return db.$transaction(async (tx) => {
    const newJobId = BigInt(await enqueue(tx, task, parsed.data as never));
    if (newJobId !== input.jobId) {
      await tx.$queryRaw`select id from graphile_worker.complete_jobs(${[input.jobId]}::bigint[])`;
    }
    await reopenNotificationsOfJobs(tx, [newJobId]);
    await recordAdminAction(tx, {
      adminUserId: input.adminUserId,
      action: "replay",
      target: `${task}: #${input.jobId} → #${newJobId}`,
      jobIds: [input.jobId],
      affectedIds: [newJobId],
    });
    return { replacedJobId: input.jobId.toString(), newJobId: newJobId.toString() };
  });
}
