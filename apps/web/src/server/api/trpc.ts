/**
 * The one tRPC init file: context, error formatting, and the procedures every router builds on.
 * - publicProcedure: anyone.
 * - hostProcedure: a signed-in host (or admin acting as one); `ctx.user` is set.
 * - adminProcedure: the admin role only.
 * Guest procedures (magic-link order scope) are added with the order engine.
 */

import { DomainError } from "@nitip/core";
import type { Db } from "@nitip/db";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
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
}

export function createTRPCContext(input: {
  db: Db;
  user?: SessionUser | null;
  headers?: Headers;
  requestId?: string;
}): TRPCContext {
  return {
    db: input.db,
    user: input.user ?? null,
    headers: input.headers ?? new Headers(),
    requestId: input.requestId ?? crypto.randomUUID(),
  };
}

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
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

/** Turns DomainErrors thrown by core into tRPC errors once, here, for every procedure. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
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
