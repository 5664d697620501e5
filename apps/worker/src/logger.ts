// pino for the worker, and graphile-worker's Logger routed into it. Never log a token or a whole phone
// number: recipients go through maskRecipient, rendered message bodies are not logged at all,
// graphile-worker's job objects (which carry payloads) are reduced to id and task, and every message string
// and logged error passes through core's redactText (an error from a provider or PostgreSQL can quote a
// phone number, an email address or a link).
import { redactText } from "@nitip/core";
import { Logger as GraphileLogger, type LogLevel } from "graphile-worker";
import pino from "pino";
import { isDeferral } from "./job-control.ts";

export type AppLogger = pino.Logger;

/**
 * `destination`: where the lines go (default stdout), e.g. `pino.destination("/dev/null")` or a counting
 * stream in the bench. The redaction applies whatever the destination.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): AppLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "worker" },
    redact: {
      paths: ["*.token", "*.accessToken", "*.recipient", "*.to", "*.text", "*.body"],
      censor: "[redacted]",
    },
    serializers: { err: redactedError },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg));
        method.apply(this, redacted as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** pino's error serializer (message and stack with causes, plus fields such as PostgreSQL's `detail`), redacted. */
function redactedError(error: unknown): unknown {
  return error instanceof Error ? redactStrings(pino.stdSerializers.err(error)) : error;
}

function redactStrings(value: unknown): unknown {
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactStrings(inner)]));
  }
  return value;
}

/** "+6281234567890" -> "+62*******7890"; "ani@example.com" -> "a***@example.com". */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf("@");
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  if (recipient.length <= 7) return "*".repeat(recipient.length);
  return `${recipient.slice(0, 3)}${"*".repeat(recipient.length - 7)}${recipient.slice(-4)}`;
}

const pinoLevel: Record<LogLevel, "error" | "warn" | "info" | "debug"> = {
  error: "error",
  warning: "warn",
  info: "info",
  debug: "debug",
};

interface GraphileMeta {
  job?: { id?: string; task_identifier?: string; attempts?: number };
  error?: unknown;
  [key: string]: unknown;
}

export function graphileLogger(log: AppLogger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta?: GraphileMeta) => {
    const job = meta?.job;
    const fields = {
      label: scope.label,
      jobId: job?.id ?? scope.jobId,
      task: job?.task_identifier ?? scope.taskIdentifier,
    };
    // A pacing deferral goes through graphile-worker's failure path but is not a failure. Every successful
    // job is logged by graphile-worker at info; job_runs already records each run with its duration, and
    // formatting that line cost as much CPU as running a no-op job (`pnpm bench jobs`), so it is debug here.
    const routine = level === "info" && message.startsWith("Completed task");
    const target = isDeferral(meta?.error) || routine ? "debug" : pinoLevel[level];
    log[target](fields, message);
  });
}
