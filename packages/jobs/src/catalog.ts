// The job catalog: every job Nitip runs, its payload schema and its defaults. Producers (web, core) and the
// worker both read this file; the worker's task list must cover every name here (checked by the type system).
import { z } from "zod";

/** Fields graphile-worker adds to the payload of a job it scheduled from the crontab. */
const ZCronPayloadSchema = z.looseObject({
  _cron: z.object({ ts: z.string(), backfilled: z.boolean().optional() }).optional(),
});

const ZOrderJobSchema = z.object({ orderId: z.uuid() });

export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  payload: Schema;
  /** graphile-worker's default is 25 (about four days of retries); every job states its own. */
  maxAttempts: number;
  /** Jobs in one queue run one at a time, in order. */
  queue?: string;
  priority?: number;
  /**
   * The job's key (graphile-worker `job_key`, mode replace), from its payload: THE spelling of it, so every
   * producer agrees and a new job replaces the pending one with the same key.
   */
  jobKey?(payload: z.output<Schema>): string;
}

/**
 * An order's one pending deadline job: DP expiry, then the validation timeout of whichever proof waits. Moving
 * on to the next deadline replaces the job of the one before.
 */
const orderDeadlineKey = (payload: { orderId: string }) => `order:${payload.orderId}:deadline`;

function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}

export const jobCatalog = {
  /** The walking-skeleton thread: a host published a trip; tell their followers (later) and log it. */
  "trip:published": defineJob({ payload: z.object({ tripId: z.uuid() }), maxAttempts: 5 }),
  /** At `payment_due_at`: expire the order if it is still waiting for its down payment. */
  "order:expire-dp": defineJob({ payload: ZOrderJobSchema, maxAttempts: 10, jobKey: orderDeadlineKey }),
  /** At `validation_due_at`: reject the proof (DP or final payment) the host left unvalidated. */
  "order:validation-timeout": defineJob({
    payload: ZOrderJobSchema,
    maxAttempts: 10,
    jobKey: orderDeadlineKey,
  }),
  /**
   * Send one notification outbox row through its provider. Provider failures are retried on the worker's own
   * schedule (NOTIFY_RETRY_FOR_MS) without spending attempts; these count other errors (database down).
   */
  "notify:send": defineJob({ payload: z.object({ outboxId: z.uuid() }), maxAttempts: 25, priority: -1 }),
  /** Cron safety net: catch up on every deadline the per-order jobs missed. */
  "sweep:overdue-orders": defineJob({ payload: ZCronPayloadSchema, maxAttempts: 3 }),
  /** Cron: reminders for deadlines that are near. */
  "reminders:send-due": defineJob({ payload: ZCronPayloadSchema, maxAttempts: 3 }),
  /** Cron daily: prune expired tokens, sent outbox rows and job history past retention. */
  "maintenance:cleanup": defineJob({ payload: ZCronPayloadSchema, maxAttempts: 3 }),
} as const;

export type JobCatalog = typeof jobCatalog;
export type JobName = keyof JobCatalog;
export type JobPayload<Name extends JobName> = z.output<JobCatalog[Name]["payload"]>;
export type JobPayloadInput<Name extends JobName> = z.input<JobCatalog[Name]["payload"]>;

export const jobNames = Object.keys(jobCatalog) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}

/** Parses a payload against the catalog; throws a ZodError naming each bad field. */
export function parseJobPayload<Name extends JobName>(name: Name, payload: unknown): JobPayload<Name> {
  return jobCatalog[name].payload.parse(payload) as JobPayload<Name>;
}
