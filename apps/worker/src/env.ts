// The worker's configuration, validated once at start. Nothing else in apps/worker reads process.env.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const milliseconds = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

export function loadEnv(source: Record<string, string | undefined> = process.env) {
  const production = source.NODE_ENV === "production";
  const env = createEnv({
    runtimeEnv: source,
    emptyStringAsUndefined: true,
    server: {
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
      /** graphile-worker needs a session connection (LISTEN/NOTIFY, advisory locks): prefer DIRECT_URL. */
      DIRECT_URL: z.url().optional(),
      DATABASE_URL: z.url().optional(),
      WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
      /**
       * Jobs each process fetches and locks ahead (graphile-worker localQueue). Unset: concurrency + 1;
       * 0 or 1 disables it. A dead worker's pre-locked jobs are released by the heartbeat sweep, not after 4 h.
       */
      WORKER_LOCAL_QUEUE_SIZE: z.coerce.number().int().min(0).optional(),
      /** Batch job completions/failures over this many ms (graphile-worker complete/failJobBatchDelay); -1 off. */
      WORKER_BATCH_DELAY_MS: z.coerce.number().int().min(-1).default(20),
      WORKER_POLL_INTERVAL_MS: milliseconds(2_000),
      WORKER_SHUTDOWN_TIMEOUT_MS: milliseconds(15_000),
      WORKER_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
      /**
       * A peer whose heartbeat is older than this is presumed dead and its jobs are unlocked. At least
       * `staleAfterIntervals` heartbeat intervals (checked below), so a busy process that misses a beat or two
       * is not taken for dead.
       */
      WORKER_STALE_AFTER_MS: milliseconds(30_000),
      JOB_HISTORY_FLUSH_MS: milliseconds(1_000),
      JOB_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
      OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
      /** Default production sets nothing here on purpose: a missing provider there is an error. */
      NOTIFY_PROVIDER: production
        ? z.enum(["log", "meta", "fonnte"])
        : z.enum(["log", "meta", "fonnte"]).default("log"),
      NOTIFY_TIMEOUT_MS: milliseconds(10_000),
      /** How long notify:send keeps retrying a failing message (from its job's creation) before marking it failed. */
      NOTIFY_RETRY_FOR_MS: z.coerce
        .number()
        .int()
        .min(1_000)
        .default(24 * 60 * 60_000),
      /** The longest wait between two tries of one message (the backoff doubles from 10 s up to this). */
      NOTIFY_RETRY_MAX_INTERVAL_MS: z.coerce
        .number()
        .int()
        .min(1_000)
        .default(15 * 60_000),
      /** Messages per second across every worker, per channel. */
      NOTIFY_GLOBAL_RATE_PER_S: z.coerce.number().positive().default(20),
      /** Meta's pair limit: one message per recipient per this many ms. */
      NOTIFY_RECIPIENT_INTERVAL_MS: milliseconds(6_000),
      META_BASE_URL: z.url().default("https://graph.facebook.com/v23.0"),
      META_PHONE_NUMBER_ID: z.string().optional(),
      META_ACCESS_TOKEN: z.string().optional(),
      FONNTE_BASE_URL: z.url().default("https://api.fonnte.com"),
      FONNTE_TOKEN: z.string().optional(),
      /** smtp(s)://user:pass@host:port; unset outside production means emails go to the log. */
      SMTP_URL: z.url().optional(),
      EMAIL_FROM: z.string().default("Nitip <no-reply@nitip.local>"),
      APP_BASE_URL: production ? z.url() : z.url().default("http://localhost:3000"),
      LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
    },
    onValidationError: (issues) =>
      invalid(issues.map((issue) => `${issue.path?.join(".") ?? "?"}: ${issue.message}`)),
  });
  const problems: string[] = [];
  if (env.WORKER_STALE_AFTER_MS < staleAfterIntervals * env.WORKER_HEARTBEAT_INTERVAL_MS) {
    problems.push(
      `WORKER_STALE_AFTER_MS: must be at least ${staleAfterIntervals} × WORKER_HEARTBEAT_INTERVAL_MS ` +
        `(${staleAfterIntervals * env.WORKER_HEARTBEAT_INTERVAL_MS} ms), so a busy worker that misses a beat is not taken for dead`,
    );
  }
  if (env.NOTIFY_RETRY_FOR_MS < env.NOTIFY_RETRY_MAX_INTERVAL_MS) {
    problems.push("NOTIFY_RETRY_FOR_MS: must be at least NOTIFY_RETRY_MAX_INTERVAL_MS");
  }
  if (problems.length > 0) invalid(problems);
  return env;
}

/** The stale bound is at least this many heartbeat intervals. */
export const staleAfterIntervals = 4;

function invalid(problems: string[]): never {
  throw new Error(`Invalid worker environment:\n  ${problems.join("\n  ")}`);
}

export type WorkerEnv = ReturnType<typeof loadEnv>;

/** The session connection the worker uses, or a clear error naming both variables. */
export function workerDatabaseUrl(env: WorkerEnv): string {
  const url = env.DIRECT_URL ?? env.DATABASE_URL;
  if (!url)
    throw new Error("Set DIRECT_URL (or DATABASE_URL) to a PostgreSQL session connection for the worker.");
  return url;
}

export function checkProviderConfig(env: WorkerEnv): void {
  const missing: string[] = [];
  if (env.NOTIFY_PROVIDER === "meta") {
    if (!env.META_PHONE_NUMBER_ID) missing.push("META_PHONE_NUMBER_ID");
    if (!env.META_ACCESS_TOKEN) missing.push("META_ACCESS_TOKEN");
  }
  if (env.NOTIFY_PROVIDER === "fonnte" && !env.FONNTE_TOKEN) missing.push("FONNTE_TOKEN");
  if (env.NODE_ENV === "production" && !env.SMTP_URL) missing.push("SMTP_URL");
  if (missing.length > 0) {
    throw new Error(`NOTIFY_PROVIDER=${env.NOTIFY_PROVIDER} needs: ${missing.join(", ")}`);
  }
}
