// Job history: one job_runs row per execution, from graphile-worker's events. Rows are buffered in memory and
// written with one INSERT per flush (every `flushMs`, or sooner when `maxBuffer` rows wait), so the hot path
// never pays a transaction per job. The queue name is resolved in the same INSERT from the job's queue id.
// A crash loses at most one flush interval of history, never a job. Pacing deferrals are not runs and are
// not recorded. Error text is redacted (phones, emails, tokens). The run that used up a job's last attempt also
// stores its error signature, which the failed-jobs page groups by. Retention: maintenance:cleanup.
import { isUuid, redactError } from "@nitip/core";
import type { Db } from "@nitip/db";
import type { Job, WorkerEvents } from "graphile-worker";
import { isDeferral } from "./job-control.ts";
import type { AppLogger } from "./logger.ts";

interface RunRow {
  job_id: string;
  task_identifier: string;
  job_key: string | null;
  job_queue_id: number | null;
  attempt: number;
  max_attempts: number;
  worker_id: string | null;
  started_at: string;
  duration_ms: number;
  outcome: "success" | "failure";
  final: boolean;
  error_message: string | null;
  error_stack: string | null;
  payload: unknown;
  order_id: string | null;
}

function orderIdOf(payload: unknown): string | null {
  const value = (payload as { orderId?: unknown } | null)?.orderId;
  return isUuid(value) ? value : null;
}

export interface JobHistory {
  attach(events: WorkerEvents): void;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createJobHistory(options: {
  db: Db;
  log: AppLogger;
  flushMs: number;
  maxBuffer?: number;
}): JobHistory {
  const { db, log } = options;
  const maxBuffer = options.maxBuffer ?? 500;
  const started = new Map<string, { at: Date; hr: bigint }>();
  let buffer: RunRow[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  function record(job: Job, outcome: RunRow["outcome"], error?: unknown) {
    const start = started.get(job.id);
    started.delete(job.id);
    const now = process.hrtime.bigint();
    const err = error === undefined ? undefined : redactError(error);
    buffer.push({
      job_id: job.id,
      task_identifier: job.task_identifier,
      job_key: job.key,
      job_queue_id: job.job_queue_id,
      attempt: job.attempts,
      max_attempts: job.max_attempts,
      worker_id: job.locked_by,
      started_at: (start?.at ?? new Date()).toISOString(),
      duration_ms: start ? Number((now - start.hr) / 1_000_000n) : 0,
      outcome,
      final: outcome === "failure" && job.attempts >= job.max_attempts,
      error_message: err ? err.message.slice(0, 2000) : null,
      error_stack: err?.stack ? err.stack.slice(0, 8000) : null,
      payload: job.payload ?? null,
      order_id: orderIdOf(job.payload),
    });
    if (buffer.length >= maxBuffer) void flush();
  }

  async function write(rows: RunRow[]) {
    await db.$executeRawUnsafe(
      `insert into job_runs (job_id, task_identifier, job_key, queue_name, attempt, max_attempts, worker_id,
                             started_at, duration_ms, outcome, final, error_message, error_stack, payload, order_id,
                             error_signature)
       select r.job_id, r.task_identifier, r.job_key, q.queue_name, r.attempt, r.max_attempts, r.worker_id,
              r.started_at, r.duration_ms, r.outcome::job_outcome, r.final, r.error_message, r.error_stack,
              r.payload, r.order_id, case when r.final then job_error_signature(r.error_message) end
         from jsonb_to_recordset($1::jsonb) as r(
                job_id bigint, task_identifier text, job_key text, job_queue_id int, attempt int, max_attempts int,
                worker_id text, started_at timestamptz, duration_ms int, outcome text, final boolean,
                error_message text, error_stack text, payload jsonb, order_id uuid)
         left join graphile_worker._private_job_queues q on q.id = r.job_queue_id`,
      JSON.stringify(rows),
    );
  }

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      if (buffer.length === 0) return;
      const rows = buffer;
      buffer = [];
      try {
        await write(rows);
      } catch (error) {
        log.error({ err: error, rows: rows.length }, "could not write job history; dropping this batch");
      }
    });
    return flushing;
  }

  function schedule() {
    timer = setTimeout(() => void flush().finally(schedule), options.flushMs);
    timer.unref();
  }

  return {
    attach(events) {
      events.on("job:start", ({ job }) => {
        started.set(job.id, { at: new Date(), hr: process.hrtime.bigint() });
      });
      events.on("job:success", ({ job }) => record(job, "success"));
      events.on("job:error", ({ job, error }) => {
        if (isDeferral(error)) {
          started.delete(job.id);
          return;
        }
        record(job, "failure", error);
      });
      schedule();
    },
    flush,
    async stop() {
      clearTimeout(timer);
      await flush();
    },
  };
}
