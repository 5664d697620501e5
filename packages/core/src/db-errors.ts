// PostgreSQL error codes as they surface through Prisma's pg adapter (raw or typed queries).
const pgCodes = {
  uniqueViolation: "23505",
  checkViolation: "23514",
  deadlock: "40P01",
  serialization: "40001",
  /** Raised by the nitip_assert(condition, message) SQL helper. */
  nitipAssertion: "NT001",
} as const;

function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as {
      code?: unknown;
      originalCode?: unknown;
      meta?: { code?: unknown; driverAdapterError?: unknown };
      cause?: unknown;
    };
    // Prisma's own error codes (P2010 "raw query failed", ...) look like SQLSTATEs; the real one is inside.
    const prismaError = "clientVersion" in e;
    if (!prismaError && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    // The driver adapter's error (meta.driverAdapterError.cause) carries the SQLSTATE as originalCode.
    if (typeof e.originalCode === "string") return e.originalCode;
    if (typeof e.meta?.code === "string") return e.meta.code;
    if (e.code === "P2002") return pgCodes.uniqueViolation;
    const cause = (e.cause ?? e.meta?.driverAdapterError) as
      | { originalCode?: unknown; cause?: unknown }
      | undefined;
    if (typeof cause?.originalCode === "string") return cause.originalCode;
    current = cause?.cause ?? cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    sqlState(error) === pgCodes.uniqueViolation &&
    (!constraint || String(error).includes(constraint) || JSON.stringify(error ?? {}).includes(constraint))
  );
}

function mentions(error: unknown, text: string): boolean {
  return String(error).includes(text) || JSON.stringify(error ?? {}).includes(text);
}

/** A CHECK constraint failed; with `constraint`, only that one. */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  return sqlState(error) === pgCodes.checkViolation && (!constraint || mentions(error, constraint));
}

/** nitip_assert(...) refused; with `message`, only the assertion with that message. */
export function isNitipAssertion(error: unknown, message?: string): boolean {
  return sqlState(error) === pgCodes.nitipAssertion && (!message || mentions(error, message));
}

export function isRetryableConflict(error: unknown): boolean {
  const code = sqlState(error);
  return code === pgCodes.deadlock || code === pgCodes.serialization;
}

/** Runs `work` again (up to `attempts` times) when PostgreSQL aborted it for a deadlock or serialization. */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
    }
  }
}

/** Interactive-transaction limits for order writes: wait for a connection under load, never hang. */
export const orderTransactionOptions = { maxWait: 15_000, timeout: 15_000 } as const;
