// The health check's logic, apart from the routes so tests can point it at a live and a dead database.
// The public answer is up or down only: a database error names hosts, ports and users, so it goes to the log
// (redacted) and to operators holding MONITORING_TOKEN, never to anyone who asks.
import { createHash, timingSafeEqual } from "node:crypto";
import { redactText } from "@nitip/core";
import type { Database } from "@nitip/db";
import { countJobsByTask, countJobsWithoutWorker, type TaskCounts } from "@nitip/jobs";

export type DatabaseCheck = { up: true } | { up: false; error: string };

export const healthTimeoutMs = 2_000;

/** `select 1` through the app's own pool; down when it fails or does not answer within the timeout. */
export async function checkDatabase(
  pool: Database["pool"],
  timeoutMs = healthTimeoutMs,
): Promise<DatabaseCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const query = pool.query("select 1");
  // The query may still settle after the timeout won; its failure then is already reported.
  query.catch(() => {});
  try {
    await Promise.race([query, timeout]);
    return { up: true };
  } catch (error) {
    const message = error instanceof Error && error.message ? error.message : String(error);
    return { up: false, error: redactText(message || "unknown database error") };
  } finally {
    clearTimeout(timer);
  }
}

/** What anyone may see: 200 up or 503 down. The reason is logged. */
export async function publicHealth(pool: Database["pool"], log = console.error): Promise<Response> {
  const check = await checkDatabase(pool);
  if (!check.up) log(`[health] database down: ${check.error}`);
  return Response.json(
    { status: check.up ? "up" : "down" },
    { status: check.up ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

export interface OperatorHealth {
  status: "up" | "down";
  database: DatabaseCheck;
  jobs: { withoutWorker: number; byTask: Record<string, TaskCounts> } | null;
}

/** For operators: the database's error, jobs no worker can run, and each task's counts. */
export async function operatorHealth(database: Database): Promise<OperatorHealth> {
  const check = await checkDatabase(database.pool);
  if (!check.up) return { status: "down", database: check, jobs: null };
  const [withoutWorker, byTask] = await Promise.all([
    countJobsWithoutWorker(database.prisma),
    countJobsByTask(database.prisma),
  ]);
  return { status: "up", database: check, jobs: { withoutWorker, byTask } };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** `Authorization: Bearer <token>` against the configured token, in constant time; false when none is set. */
export function isOperator(headers: Headers, monitoringToken: string | undefined): boolean {
  const presented = /^Bearer (.+)$/.exec(headers.get("authorization") ?? "")?.[1];
  if (!monitoringToken || !presented) return false;
  // Equal-length digests: the comparison leaks neither the token nor its length.
  return timingSafeEqual(digest(presented), digest(monitoringToken));
}
