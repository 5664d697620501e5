// tRPC request durations by procedure, timed once around the tRPC route handler. The label's values come
// from the router's own procedure paths (anything else is "unknown"), so a caller inventing paths cannot
// grow the series without bound. A batched request counts its duration once for each procedure in it.
import { Histogram, Registry } from "prom-client";
import { appRouter } from "../api/root";
import { processWide } from "../process-wide";

const procedures = new Set(Object.keys(appRouter._def.procedures));

/** One registry per process: every route bundle's copy of this module records into the same histogram. */
export const trpcTimingRegistry = () =>
  processWide("trpc-timing", () => {
    const registry = new Registry();
    new Histogram({
      name: "nitip_http_request_duration_seconds",
      help: "tRPC request durations in this web process, by procedure.",
      labelNames: ["procedure"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    return registry;
  });

/** The procedures a tRPC URL names: `/api/trpc/a.b,c.d` → ["a.b", "c.d"], unknown ones as "unknown". */
export function proceduresOf(url: string): string[] {
  let names: string[];
  try {
    names = decodeURIComponent(new URL(url).pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
  } catch {
    names = [];
  }
  const known = names.map((name) => (procedures.has(name) ? name : "unknown"));
  return known.length > 0 ? [...new Set(known)] : ["unknown"];
}

export async function timeTrpcRequest(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  try {
    return await handle();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    const histogram = trpcTimingRegistry().getSingleMetric(
      "nitip_http_request_duration_seconds",
    ) as Histogram;
    for (const procedure of proceduresOf(request.url)) histogram.observe({ procedure }, seconds);
  }
}
