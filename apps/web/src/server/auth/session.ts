// The one place that turns a request into a user, for the tRPC route handler and for server components
// (through guards.ts). It reads next-auth's database session directly: cookie → hash → session row → user.
import type { Db } from "@nitip/db";
import type { SessionUser } from "../api/trpc";
import { hashSessionToken } from "./adapter";
import { sessionCookie } from "./cookies";
import { roleFor } from "./roles";

export interface SessionAccount {
  user: SessionUser;
  email: string;
  name: string | null;
}

function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of headers.get("cookie")?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** The signed-in account for these request headers, or null (no cookie, unknown, expired or signed out). */
export async function getSessionAccount(headers: Headers, db: Db): Promise<SessionAccount | null> {
  const token = readCookie(headers, sessionCookie().name);
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    select: { expiresAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const { user } = session;
  return { user: { id: user.id, role: roleFor(user) }, email: user.email, name: user.name };
}

/** The signed-in user for these request headers, or null. */
export async function getSessionUser(headers: Headers, db: Db): Promise<SessionUser | null> {
  return (await getSessionAccount(headers, db))?.user ?? null;
}
