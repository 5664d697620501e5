/**
 * The one tRPC init file: context, error formatting, and the procedures every router builds on.
 * - publicProcedure: anyone.
 * - hostProcedure: a signed-in host (or admin acting as one); `ctx.user` is set.
 * - adminProcedure: the admin role only.
 * - guestOrderProcedure: a guest holding a magic link; `ctx.order.id` is the one order the token opens.
 */

import {
  createLocalProofStorage,
  DomainError,
  type PlacementSql,
  type ProofStorage,
  resolveOrderAccessToken,
} from "@nitip/core";
import type { Db } from "@nitip/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { outageAsTRPCError } from "../db-outage";
import { placementSqlFor } from "../placement-sql";
import { byClientIp, type RateLimits, rateLimit, rateLimitsFor } from "../rate-limit";
import { toTRPCError } from "./errors";

export interface SessionUser {
  id: string;
  role: "host" | "admin";
}

export interface TRPCContext {
  db: Db;
  user: SessionUser | null;
  requestId: string;
  /** Request headers (rate limiting, guest cookies); empty for server-side callers. */
  headers: Headers;
  /** Where payment proofs are kept; the local `.storage/` directory unless configured. */
  storage: ProofStorage;
  /** Order placement's raw-SQL path (the web app's pool); Prisma when absent. */
  placementSql?: PlacementSql;
  /** The shared rate limits; absent for server-side callers that are not limited. */
  rateLimits?: RateLimits;
}

let defaultStorage: ProofStorage | undefined;

/** The process-wide proof storage, also used by the proof route handler. */
export function localProofStorage(): ProofStorage {
  defaultStorage ??= createLocalProofStorage();
  return defaultStorage;
}

export function createTRPCContext(input: {
  db: Db;
  user?: SessionUser | null;
  headers?: Headers;
  requestId?: string;
  storage?: ProofStorage;
  placementSql?: PlacementSql;
  rateLimits?: RateLimits;
}): TRPCContext {
  return {
    db: input.db,
    user: input.user ?? null,
    headers: input.headers ?? new Headers(),
    requestId: input.requestId ?? crypto.randomUUID(),
    storage: input.storage ?? localProofStorage(),
    placementSql: input.placementSql ?? placementSqlFor(input.db),
    rateLimits: input.rateLimits ?? rateLimitsFor(input.db),
  };
}

/** Bad input in words, each problem naming its field: "guest.name: Name contains control characters; ...". */
function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("\n");
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    // Unexpected failures are logged with the request id by the route; the client gets no internals.
    const unexpected = error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof DomainError);
    return {
      ...shape,
      message: unexpected
        ? `Something went wrong on our side. Please try again; if it keeps happening, quote reference ${ctx?.requestId ?? "unknown"}.`
        : cause instanceof z.ZodError
          ? describeZodError(cause)
          : shape.message,
      data: {
        ...shape.data,
        // Field-by-field messages for forms.
        zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
        domainCode: cause instanceof DomainError ? cause.code : null,
        stack: undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns DomainErrors thrown by core into tRPC errors once, here, for every procedure; and an unreachable
 * database into 503 "try again shortly" instead of a 500.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw outageAsTRPCError(toTRPCError(result.error));
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

export const hostProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = hostProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Admins only." });
  return next({ ctx });
});

/** The httpOnly cookie the magic-link landing sets; scoped to one order. */
export const guestOrderCookie = "nitip_order";

function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of headers.get("cookie")?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined; // a mangled cookie is no token at all
    }
  }
  return undefined;
}

/**
 * A guest acting on their order: the magic-link token comes from the `nitip_order` cookie or a `token` input
 * (documenso-style), and resolves to exactly one order. Handlers use `ctx.order.id`, never an id from the
 * client, so a token for order A can never reach order B.
 */
export const guestOrderProcedure = publicProcedure
  .input(z.object({ token: z.string().max(200).optional() }))
  .use(rateLimit({ tokenLookupPerIp: byClientIp }))
  .use(async ({ ctx, input, next }) => {
    const token = input.token ?? readCookie(ctx.headers, guestOrderCookie);
    if (!token) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "Open the link from your order message to see this order.",
      });
    }
    const { orderId } = await resolveOrderAccessToken(ctx.db, token);
    return next({ ctx: { ...ctx, order: { id: orderId } } });
  });
