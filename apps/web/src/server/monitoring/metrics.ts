// /api/metrics in Prometheus text format (prom-client). Where each figure comes from:
// - queue depth by state and task: graphile-worker's `jobs` view, counted at scrape (getQueueStats);
// - job durations and failures by task, notification sends by provider: the worker runs those in its own
//   process, so the web process reads cumulative totals the database keeps as the worker records them
//   (core admin/metric-totals.ts). Every web process reports the same values: scrape one, or use max().
// - tRPC request durations by procedure: this process's own histogram (trpc-timing.ts), per instance.
// The database figures go into a registry made for this scrape, so two concurrent scrapes never share state.
import {
  getQueueStats,
  infiniteBucketMs,
  jobStates,
  readJobRunTotals,
  readNotificationSendTotals,
} from "@nitip/core";
import type { Db } from "@nitip/db";
import { Counter, Gauge, type Metric, Registry } from "prom-client";
import { trpcTimingRegistry } from "./trpc-timing";

/** A histogram whose buckets are already counted elsewhere (prom-client's Histogram only takes observations). */
function countedHistogram(
  name: string,
  help: string,
  labelled: { labels: Record<string, string>; runsByBucket: Map<number, number>; totalSeconds: number }[],
  boundsMs: number[],
) {
  const values = labelled.flatMap(({ labels, runsByBucket, totalSeconds }) => {
    let cumulative = 0;
    const buckets = [...boundsMs, infiniteBucketMs].map((bound) => {
      cumulative += runsByBucket.get(bound) ?? 0;
      const le = bound === infiniteBucketMs ? "+Inf" : String(bound / 1000);
      return { metricName: `${name}_bucket`, labels: { ...labels, le }, value: cumulative };
    });
    return [
      ...buckets,
      { metricName: `${name}_sum`, labels, value: totalSeconds },
      { metricName: `${name}_count`, labels, value: cumulative },
    ];
  });
  return { name, help, get: async () => ({ name, help, type: "histogram", values, aggregator: "sum" }) };
}

export async function renderMetrics(db: Db): Promise<{ text: string; contentType: string }> {
  const [stats, runs, sends] = await Promise.all([
    getQueueStats(db),
    readJobRunTotals(db),
    readNotificationSendTotals(db),
  ]);
  const registry = new Registry();
  const depth = new Gauge({
    name: "nitip_queue_jobs",
    help: "Jobs in graphile-worker's queue now, by state (ready, scheduled, running, failed) and task.",
    labelNames: ["state", "task"] as const,
    registers: [registry],
  });
  for (const [task, counts] of Object.entries(stats.byTask)) {
    for (const state of jobStates) depth.set({ state, task }, counts[state]);
  }
  registry.registerMetric(
    countedHistogram(
      "nitip_job_duration_seconds",
      "Job run durations by task and outcome (success, failure), as recorded by the workers in job_runs.",
      runs.series.map((series) => ({
        labels: { task: series.task, outcome: series.outcome },
        runsByBucket: series.runsByBucket,
        totalSeconds: series.totalMs / 1000,
      })),
      runs.bucketsMs,
    ) as unknown as Metric,
  );
  const failures = new Counter({
    name: "nitip_job_failures_total",
    help: "Failed job runs by task (every failed attempt, retried or final).",
    labelNames: ["task"] as const,
    registers: [registry],
  });
  for (const series of runs.series) {
    if (series.outcome !== "failure") continue;
    const count = [...series.runsByBucket.values()].reduce((sum, n) => sum + n, 0);
    failures.inc({ task: series.task }, count);
  }
  const notifications = new Counter({
    name: "nitip_notification_sends_total",
    help: "Notification send attempts by channel, provider and outcome (sent, failed).",
    labelNames: ["channel", "provider", "outcome"] as const,
    registers: [registry],
  });
  for (const row of sends) {
    notifications.inc({ channel: row.channel, provider: row.provider, outcome: row.outcome }, row.sends);
  }
  const merged = Registry.merge([registry, trpcTimingRegistry()]);
  return { text: await merged.metrics(), contentType: merged.contentType };
}
