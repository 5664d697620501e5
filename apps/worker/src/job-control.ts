// graphile-worker knows one kind of failure: throw, and the job is retried with backoff until max_attempts.
// Nitip needs three more, applied to the job's own row while this worker still holds its lock, then signalled
// by throwing (so graphile-worker's events, logs and job history see a failed run):
//   - permanent: attempts := max_attempts (what graphile_worker.permanently_fail_jobs does, but that function
//     skips locked jobs, and a running job is locked). failJob then records last_error; the job lands in the
//     dead-letter list at once.
//   - deferred (pacing): the attempt is given back and the job is unlocked with run_at set to the wanted time
//     and its own last_error. graphile-worker's failJob then matches no row (it requires `locked_by = <this
//     pool>`) and changes nothing: its backoff `greatest(now(), run_at) + exp(least(attempts, 10)) s` is never
//     less than a second and grows with attempts, so it cannot land a deferral of 100 ms, or of 6 s after a few
//     failed attempts, on time.
//   - retry at (notify:send's own retry period): a failed attempt, logged and recorded as one, rescheduled like
//     a deferral. graphile-worker's backoff cannot be capped (it grows to 6 h), so the task counts its attempts
//     itself (the outbox row's `attempts`) and chooses the time of the next try.
// Every update is guarded by `locked_by = <this pool>` so it never touches a job another worker holds.
// Every error leaves here redacted (core's redactText): graphile-worker stores its message as last_error and
// logs it, and job history stores message and stack.
import { redactText } from "@nitip/core";
import type { JobHelpers } from "graphile-worker";
import { ZodError, z } from "zod";

export class PermanentJobError extends Error {
  override readonly name = "PermanentJobError";
}

/** Thrown to put a job back until `runAt` without spending an attempt. */
export class DeferJob extends Error {
  override readonly name = "DeferJob";
  readonly runAt: Date;
  constructor(runAt: Date, reason: string) {
    super(`Deferred until ${runAt.toISOString()}: ${reason}`);
    this.runAt = runAt;
  }
}

/** A failed attempt whose next try is at `runAt`; the task, not graphile-worker's backoff, counts attempts. */
export class RetryJobAt extends Error {
  override readonly name = "RetryJobAt";
  readonly runAt: Date;
  constructor(runAt: Date, message: string, options?: ErrorOptions) {
    super(message, options);
    this.runAt = runAt;
  }
}

/** A zod error as one line naming each bad field, for last_error. */
export function describeZodError(error: ZodError): string {
  return `Invalid payload: ${z.prettifyError(error).replaceAll("\n", "; ")}`;
}

async function markPermanent(helpers: JobHelpers): Promise<void> {
  const { job } = helpers;
  await helpers.query(
    `update graphile_worker._private_jobs set attempts = max_attempts
      where id = $1 and locked_by = $2`,
    [job.id, job.locked_by],
  );
  // graphile-worker decides whether to emit job:failed from its in-memory copy.
  job.attempts = job.max_attempts;
}

/** Gives the attempt back and unlocks the job to run at `runAt` (its queue too); returns the attempts left. */
async function reschedule(helpers: JobHelpers, runAt: Date, error: Error): Promise<number> {
  const { job } = helpers;
  const attempts = Math.max(0, job.attempts - 1);
  await helpers.query(
    `with j as (
       update graphile_worker._private_jobs
          set attempts = $3::int, run_at = $4::timestamptz, last_error = $5, locked_by = null, locked_at = null
        where id = $1 and locked_by = $2
        returning job_queue_id
     )
     update graphile_worker._private_job_queues q set locked_by = null, locked_at = null
       from j where q.id = j.job_queue_id and q.locked_by = $2`,
    [job.id, job.locked_by, attempts, runAt.toISOString(), error.message],
  );
  return attempts;
}

function redactInPlace(error: unknown): void {
  if (!(error instanceof Error)) return;
  error.message = redactText(error.message);
  if (error.stack) error.stack = redactText(error.stack);
}

/**
 * Wraps a task body: a ZodError or PermanentJobError fails the job for good, DeferJob reschedules it without
 * counting the attempt, RetryJobAt fails the attempt and schedules the next one itself, anything else is
 * rethrown for graphile-worker's retry with backoff. Errors are redacted before they leave.
 */
export async function runClassified<T>(helpers: JobHelpers, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ZodError) {
      await markPermanent(helpers);
      throw new PermanentJobError(redactText(describeZodError(error)), { cause: error });
    }
    redactInPlace(error);
    if (error instanceof PermanentJobError) await markPermanent(helpers);
    else if (error instanceof DeferJob) helpers.job.attempts = await reschedule(helpers, error.runAt, error);
    // The in-memory attempt stays as it is, so job history records the run as the attempt it was.
    else if (error instanceof RetryJobAt) await reschedule(helpers, error.runAt, error);
    throw error;
  }
}

export function isDeferral(error: unknown): error is DeferJob {
  return error instanceof DeferJob;
}
