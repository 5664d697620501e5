// One place that recognises "the database cannot be reached" (refused, reset, terminated, too many
// connections, timed out, shutting down), however it surfaces: pg's own errors, Node socket errors (an
// AggregateError when localhost resolves to two addresses), or Prisma's wrappers around the driver adapter.
// Such a failure is not a bug in the request: the client is told to retry shortly, with 503 and Retry-After.
import { TRPCError } from "@trpc/server";

/** Seconds a client should wait before retrying while the database is unreachable. */
export const outageRetryAfterSeconds = 5;

export const outageMessage = "Nitip cannot reach its database right now. Please try again in a few seconds.";

const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// SQLSTATE class 08 is "connection exception"; the others: shutting down, starting up, too many connections.
const sqlStates = /^(08...|57P01|57P02|57P03|53300)$/;
const prismaCodes = new Set(["P1001", "P1002", "P1017", "P2024"]);
const adapterKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "TooManyConnections",
  "SocketTimeout",
]);
const pgMessages =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Connection refused/i;

function isOutageItself(error: object): boolean {
  const e = error as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown };
  if (
    typeof e.code === "string" &&
    (socketCodes.has(e.code) || sqlStates.test(e.code) || prismaCodes.has(e.code))
  )
    return true;
  if (typeof e.originalCode === "string" && sqlStates.test(e.originalCode)) return true;
  if (typeof e.kind === "string" && adapterKinds.has(e.kind)) return true;
  return typeof e.message === "string" && pgMessages.test(e.message);
}

/** True when `error`, or anything it wraps, says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 20; seen++) {
    const current = queue.shift();
    if (!current || typeof current !== "object") continue;
    if (isOutageItself(current)) return true;
    const e = current as { cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };
    queue.push(e.cause, e.meta?.driverAdapterError);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return false;
}

/** The tRPC error for an outage (503 with the words above); other errors are returned unchanged. */
export function outageAsTRPCError<E>(error: E): E | TRPCError {
  if (error instanceof TRPCError && error.code === "SERVICE_UNAVAILABLE") return error;
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (!isDatabaseUnavailable(cause)) return error;
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: outageMessage, cause: cause as Error });
}
