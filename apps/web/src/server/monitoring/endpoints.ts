// The monitoring endpoints, apart from the Next routes so tests drive exactly what production serves.
import { getQueueHealth, getQueueInfo, getQueueStats } from "@nitip/core";
import type { Db } from "@nitip/db";
import { monitoringAccess, monitoringJson, refusal } from "./access";
import { renderMetrics } from "./metrics";

export interface MonitoringDeps {
  db: Db;
  monitoringToken: string | undefined;
}

export function queueStatsResponse(request: Request, { db, monitoringToken }: MonitoringDeps) {
  return monitoringJson(request, db, monitoringToken, () => getQueueStats(db));
}

export function queueInfoResponse(request: Request, { db, monitoringToken }: MonitoringDeps) {
  return monitoringJson(request, db, monitoringToken, () => getQueueInfo(db));
}

/**
 * Anyone may ask whether the queue is healthy (200 ok, 503 failing) so an uptime check needs no secret; only
 * an admin or the token holder learns why (worker counts, ages and rates are internals).
 */
export async function queueHealthResponse(request: Request, { db, monitoringToken }: MonitoringDeps) {
  const health = await getQueueHealth(db);
  const access = await monitoringAccess(request.headers, db, monitoringToken);
  const status = health.status === "ok" ? 200 : 503;
  const body = access === "allowed" ? health : { status: health.status };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function metricsResponse(request: Request, { db, monitoringToken }: MonitoringDeps) {
  const access = await monitoringAccess(request.headers, db, monitoringToken);
  if (access !== "allowed") return refusal(access);
  const { text, contentType } = await renderMetrics(db);
  return new Response(text, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
