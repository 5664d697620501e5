/**
 * The one tRPC init file: context, error formatting, and the procedures every router builds on.
 * - publicProcedure: anyone.
 * - hostProcedure: a signed-in host (or admin acting as one); `ctx.user` is set.
 * - adminProcedure: the admin role only.
 * - guestOrderProcedure: a guest whose browser opened the order's magic link; `ctx.order.id` is the order named
 *   by `orderCode`, found through the browser's credentials (the cookie), never through an id from the client.
 */

import {
  createLocalProofStorage,
  DomainError,
  type PlacementGate,
  type ProofStorage,
  resolveBrowserCredentials,
} from "@nitip/core";
import type { Db } from "@nitip/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { outageAsTRPCError } from "../db-outage";
import {
  type GuestCookie,
  guestCookieFor,
  heldOrderByCode,
  notYourOrder,
  readGuestCredentials,
} from "../guest-access";
import type { OrderChangeSource } from "../live/order-changes";
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
  /** Where order placements wait their turn (the process's gate); none for server-side and test callers. */
  placementGate: PlacementGate | undefined;
  /** The guest cookie's name and flags, from APP_BASE_URL (`__Host-` over https). */
  guestCookie: GuestCookie;
  /** The shared rate limits; absent for server-side callers that are not limited. */
  rateLimits?: RateLimits;
  /** The process's order change listener, opened on first use; absent where nothing subscribes. */
  orderChanges?: () => OrderChangeSource;
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
  placementGate?: PlacementGate;
  /** APP_BASE_URL; decides the guest cookie's name. */
  appBaseUrl?: string;
  rateLimits?: RateLimits;
  orderChanges?: () => OrderChangeSource;
}): TRPCContext {
  return {
    db: input.db,
    user: input.user ?? null,
    headers: input.headers ?? new Headers(),
    requestId: input.requestId ?? crypto.randomUUID(),
    storage: input.storage ?? localProofStorage(),
    placementGate: input.placementGate,
    guestCookie: guestCookieFor(input.appBaseUrl ?? "http://localhost:3000"),
    rateLimits: input.rateLimits ?? rateLimitsFor(input.db),
    orderChanges: input.orderChanges,
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
  // Live updates (server/live): a comment every 15 s keeps proxies from closing a quiet stream, and a
  // browser that hears nothing for 40 s reconnects (and is told what it missed).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
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

/** The orders this request's browser holds (its cookie's live credentials), newest first. */
export function heldOrders(ctx: TRPCContext) {
  return resolveBrowserCredentials(ctx.db, readGuestCredentials(ctx.headers, ctx.guestCookie));
}

/**
 * A guest acting on one of the orders their browser opened: `orderCode` names it, and it must be among the
 * orders the cookie's credentials open (wrong code, no cookie, expired or revoked: one answer). A magic-link
 * token is never accepted as input: tRPC queries carry their input in the URL, where it would end up in
 * logs, history and Referer headers; a link is opened at /o/<token> and nowhere else.
 */
export const guestOrderProcedure = publicProcedure
  .input(
    z.object({
      orderCode: z.string().trim().min(1, "Give the order code (like NTP-7K3QX9-M).").max(40),
      token: z
        .undefined({
          error: "Order links are not accepted here; open the link itself (/o/...) in the browser.",
        })
        .optional(),
    }),
  )
  .use(rateLimit({ tokenLookupPerIp: byClientIp }))
  .use(async ({ ctx, input, next }) => {
    const order = await heldOrderByCode(ctx.db, ctx.headers, ctx.guestCookie, input.orderCode);
    if (!order) throw new TRPCError({ code: "UNAUTHORIZED", message: notYourOrder });
    return next({ ctx: { ...ctx, order: { id: order.orderId } } });
  });
