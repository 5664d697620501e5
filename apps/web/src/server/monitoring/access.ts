// Who may read the monitoring endpoints and /api/metrics: an admin's session, or a scraper holding
// `Authorization: Bearer <MONITORING_TOKEN>` (compared in constant time by isOperator). A presented token
// decides alone: a wrong one is 401 even with a session cookie, so a misconfigured scraper hears about it.
import type { Db } from "@nitip/db";
import { getSessionUser } from "../auth/session";
import { isOperator } from "../health";

export type MonitoringAccess = "allowed" | "unauthenticated" | "forbidden";

export async function monitoringAccess(
  headers: Headers,
  db: Db,
  monitoringToken: string | undefined,
): Promise<MonitoringAccess> {
  if (headers.has("authorization")) {
    return isOperator(headers, monitoringToken) ? "allowed" : "unauthenticated";
  }
  const user = await getSessionUser(headers, db);
  if (!user) return "unauthenticated";
  return user.role === "admin" ? "allowed" : "forbidden";
}

const noStore = { "Cache-Control": "no-store" };

/** The refusal for a caller who is not allowed: 401 (say who you are) or 403 (admins only). */
export function refusal(access: Exclude<MonitoringAccess, "allowed">): Response {
  return access === "forbidden"
    ? Response.json({ error: "Admins only." }, { status: 403, headers: noStore })
    : Response.json(
        { error: "Sign in as an admin, or send Authorization: Bearer <MONITORING_TOKEN>." },
        { status: 401, headers: { ...noStore, "WWW-Authenticate": "Bearer" } },
      );
}

/** Answers an allowed caller with `read()` as JSON, anyone else with the refusal. */
export async function monitoringJson(
  request: Request,
  db: Db,
  monitoringToken: string | undefined,
  read: () => Promise<unknown>,
): Promise<Response> {
  const access = await monitoringAccess(request.headers, db, monitoringToken);
  if (access !== "allowed") return refusal(access);
  return Response.json(await read(), { headers: noStore });
}
