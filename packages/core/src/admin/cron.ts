// The crontab as the admin sees it: every entry the worker runs (the same `crontab` from @nitip/jobs), its
// schedule, when graphile-worker last scheduled it, when it next will, and how its last run ended.
import type { Db } from "@nitip/db";
import { type CronEntry, crontab, crontabText } from "@nitip/jobs";
import { type ParsedCronItem, parseCrontab } from "graphile-worker";

export interface CronStatus {
  task: string;
  identifier: string;
  schedule: string;
  /** When graphile-worker last scheduled it (its known_crontabs row); null before the first run. */
  lastScheduledAt: Date | null;
  /** The latest recorded run of the task (job history), with how it ended. */
  lastRun: { startedAt: Date; outcome: string; durationMs: number; errorMessage: string | null } | null;
  nextRunAt: Date | null;
}

const minuteMs = 60_000;
/** Far enough for any schedule that can fire at all (a yearly one included). */
const searchMinutes = 366 * 24 * 60;

/** The first minute after `from` that graphile-worker's own matcher accepts (UTC, as the worker runs it). */
export function nextCronRun(item: ParsedCronItem, from: Date): Date | null {
  let ts = Math.floor(from.getTime() / minuteMs) * minuteMs + minuteMs;
  for (let i = 0; i < searchMinutes; i++, ts += minuteMs) {
    const at = new Date(ts);
    const digest = {
      min: at.getUTCMinutes(),
      hour: at.getUTCHours(),
      date: at.getUTCDate(),
      month: at.getUTCMonth() + 1,
      dow: at.getUTCDay(),
    };
    if (item.match(digest)) return at;
  }
  return null;
}

export async function listCronStatus(
  db: Db,
  entries: readonly CronEntry[] = crontab,
  now = new Date(),
): Promise<CronStatus[]> {
  const parsed = parseCrontab(crontabText(entries));
  // graphile-worker keeps the last execution per crontab identifier only in its private table; read-only here.
  const known = await db.$queryRaw<{ identifier: string; lastExecution: Date | null }[]>`
    select identifier, last_execution as "lastExecution" from graphile_worker._private_known_crontabs`;
  const lastExecution = new Map(known.map((row) => [row.identifier, row.lastExecution]));
  return Promise.all(
    entries.map(async (entry, index) => {
      const item = parsed[index];
      const run = await db.jobRun.findFirst({
        where: { taskIdentifier: entry.task },
        orderBy: { startedAt: "desc" },
        select: { startedAt: true, outcome: true, durationMs: true, errorMessage: true },
      });
      return {
        task: entry.task,
        identifier: item?.identifier ?? entry.task,
        schedule: entry.schedule,
        lastScheduledAt: lastExecution.get(item?.identifier ?? entry.task) ?? null,
        lastRun: run,
        nextRunAt: item ? nextCronRun(item, now) : null,
      };
    }),
  );
}
