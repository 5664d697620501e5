// Adding jobs through the caller's transaction: the job exists if and only if the write that caused it
// commits. graphile_worker.add_jobs takes the whole batch in one call, so a transaction that schedules
// several jobs pays for one NOTIFY, not one per job.
import type { Tx } from "@nitip/db";
import type { JobDefinition, JobName, JobPayloadInput } from "./catalog.ts";
import { jobCatalog, parseJobPayload } from "./catalog.ts";

export interface EnqueueOptions {
  runAt?: Date;
  /**
   * Replaces a pending job with the same key (graphile-worker's job_key, mode `replace`). Defaults to the
   * catalog's `jobKey` for the job; a job with a key in the catalog never needs this.
   */
  jobKey?: string;
  maxAttempts?: number;
  queue?: string;
  priority?: number;
}

export interface JobSpec<Name extends JobName = JobName> {
  name: Name;
  payload: JobPayloadInput<Name>;
  options?: EnqueueOptions;
}

/** Anything with Prisma's $queryRawUnsafe: the client or a transaction. */
type RawQueryable = Pick<Tx, "$queryRawUnsafe">;

export function job<Name extends JobName>(
  name: Name,
  payload: JobPayloadInput<Name>,
  options?: EnqueueOptions,
): JobSpec<Name> {
  return { name, payload, options };
}

/** One row of graphile_worker.job_spec, as `add_jobs` takes it (through json_populate_recordset). */
export interface JobSpecRow {
  identifier: string;
  payload: unknown;
  queue_name: string | null;
  run_at: string | null;
  max_attempts: number;
  job_key: string | null;
  priority: number;
  flags: null;
}

/**
 * Validates every payload against the catalog and applies the catalog's defaults: the rows for
 * `graphile_worker.add_jobs`. Use it when the jobs go into a SQL statement you write yourself (pass
 * `JSON.stringify(rows)` and read it with `addJobsFromJsonSql`); never hand-write job JSON.
 */
export function jobSpecRows(specs: readonly JobSpec[]): JobSpecRow[] {
  return specs.map(({ name, payload, options = {} }) => {
    const definition: JobDefinition = jobCatalog[name];
    const parsed = parseJobPayload(name, payload);
    return {
      identifier: name,
      payload: parsed,
      queue_name: options.queue ?? definition.queue ?? null,
      run_at: options.runAt?.toISOString() ?? null,
      max_attempts: options.maxAttempts ?? definition.maxAttempts,
      job_key: options.jobKey ?? definition.jobKey?.(parsed) ?? null,
      priority: options.priority ?? definition.priority ?? 0,
      flags: null,
    };
  });
}

/**
 * The `graphile_worker.job_spec[]` array for rows from `jobSpecRows`, passed as one json parameter:
 * `graphile_worker.add_jobs(${addJobsFromJsonSql("$3")}, false)`.
 */
export function addJobsFromJsonSql(jsonParameter: string): string {
  return `array(select json_populate_recordset(null::graphile_worker.job_spec, ${jsonParameter}::json))`;
}

/**
 * Validates every payload, then adds all jobs in one `add_jobs` call. Returns the new job ids.
 * Job keys must be distinct within one call (PostgreSQL cannot upsert one row twice in a statement).
 */
export async function enqueueAll(db: RawQueryable, specs: readonly JobSpec[]): Promise<string[]> {
  if (specs.length === 0) return [];
  const result = await db.$queryRawUnsafe<{ id: string }[]>(
    `select id::text from graphile_worker.add_jobs(${addJobsFromJsonSql("$1")}, false)`,
    JSON.stringify(jobSpecRows(specs)),
  );
  return result.map((row) => row.id);
}

/** One job through the caller's transaction. */
export async function enqueue<Name extends JobName>(
  db: RawQueryable,
  name: Name,
  payload: JobPayloadInput<Name>,
  options?: EnqueueOptions,
): Promise<string> {
  const [id] = await enqueueAll(db, [job(name, payload, options)]);
  if (id === undefined) throw new Error(`graphile_worker.add_jobs returned no job for ${name}`);
  return id;
}
