// The health check's logic, apart from the route so tests can point it at a live and a dead database.
import type { Database } from "@nitip/db";

export type HealthReport =
  | { status: 200; body: { status: "ok"; database: "up" } }
  | { status: 503; body: { status: "error"; database: "down"; reason: string } };

export const healthTimeoutMs = 2_000;

/** `select 1` through the app's own pool; down when it fails or does not answer within the timeout. */
export async function checkHealth(
  pool: Database["pool"],
  timeoutMs = healthTimeoutMs,
): Promise<HealthReport> {
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
    return { status: 200, body: { status: "ok", database: "up" } };
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : "unknown database error";
    return { status: 503, body: { status: "error", database: "down", reason } };
  } finally {
    clearTimeout(timer);
  }
}
