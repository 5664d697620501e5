import { DomainError, type DomainErrorCode } from "@nitip/core";
import { TRPCError } from "@trpc/server";
import { outageRetryAfterSeconds } from "../db-outage";
import { isRateLimitedError } from "../rate-limit";

type TRPCCode = ConstructorParameters<typeof TRPCError>[0]["code"];

/** Each domain error code, once, as the HTTP-facing tRPC code. */
const codeFor: Record<DomainErrorCode, TRPCCode> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  BAD_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  SOLD_OUT: "CONFLICT",
  DEADLINE_PASSED: "PRECONDITION_FAILED",
  INVALID_TRANSITION: "CONFLICT",
  IDEMPOTENCY_MISMATCH: "UNPROCESSABLE_CONTENT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_FILE: "UNSUPPORTED_MEDIA_TYPE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

export function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof DomainError) {
    return new TRPCError({ code: codeFor[cause.code], message: cause.message, cause });
  }
  return error;
}

/** Seconds a client should wait before retrying this failure, for the `Retry-After` header; null if none. */
export function retryAfterSeconds(error: TRPCError): number | null {
  if (error.code === "SERVICE_UNAVAILABLE") return outageRetryAfterSeconds;
  return isRateLimitedError(error.cause) ? error.cause.retryAfterSeconds : null;
}
