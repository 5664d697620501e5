import type { Db } from "@nitip/db";

/**
 * The newest order event's id: a page read now is current up to this version, and its live island passes it
 * as `lastEventId`, so a change that lands between the read and the subscription is not lost. One index
 * lookup; the same number for every scope, since each subscription only asks "anything of mine after it?".
 * Ids are handed out at insert, not at commit: an order transaction still in flight at this read, committing
 * before the browser subscribes, has a lower id and is not caught up (its NOTIFY reaches only subscribers
 * already listening). The window is the page's load time, and the next event or reconnect re-reads.
 * Read as "the last id", not `aggregate({ _max })`: Prisma wraps that aggregate in a subquery with an OFFSET,
 * which PostgreSQL cannot answer from the primary key, so it scanned every order event (26 ms at 200,000
 * events, growing with the table, on every order page and host inbox).
 */
export async function latestOrderVersion(db: Db): Promise<string> {
  const newest = await db.orderEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return String(newest?.id ?? 0n);
}
