// The crontab, in graphile-worker's syntax (UTC). `jobKey` makes overlapping runs collapse into one job;
// `fill` backfills runs missed while no worker was up.
import type { JobName } from "./catalog.ts";

export interface CronEntry {
  task: JobName;
  schedule: string;
  /** e.g. "5m": run once for the missed slot within that window after a restart. */
  fill?: string;
  jobKey?: string;
}

export const crontab: readonly CronEntry[] = [
  { task: "sweep:overdue-orders", schedule: "* * * * *", fill: "5m", jobKey: "sweep:overdue-orders" },
  { task: "reminders:send-due", schedule: "*/5 * * * *", jobKey: "reminders:send-due" },
  { task: "maintenance:cleanup", schedule: "17 3 * * *", fill: "1d", jobKey: "maintenance:cleanup" },
];

/** The crontab as graphile-worker's text format. */
export function crontabText(entries: readonly CronEntry[] = crontab): string {
  return entries
    .map((entry) => {
      const options = [entry.fill && `fill=${entry.fill}`, entry.jobKey && `jobKey=${entry.jobKey}`]
        .filter(Boolean)
        .join("&");
      return `${entry.schedule} ${entry.task}${options ? ` ?${options}` : ""}`;
    })
    .join("\n");
}
