// The host's order inbox: proofs waiting for validation first (they auto-reject when left too long), then
// everything else, oldest first within each group; keyset-paginated on (group, created_at, id).
import { type Db, type OrderStatus, Prisma } from "@nitip/db";
import { DomainError } from "../errors.ts";
import type { WorkspaceActor } from "../hosts/access.ts";
import { searchCondition } from "./search.ts";

export const needsValidation: readonly OrderStatus[] = ["awaiting_validation", "awaiting_final_validation"];

export interface InboxFilter {
  actor: WorkspaceActor;
  tripId?: string;
  statuses?: OrderStatus[];
  search?: string;
  cursor?: string;
  limit?: number;
  now?: Date;
}

interface Position {
  group: number;
  createdAt: string;
  id: string;
}

function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.group, p.createdAt, p.id])).toString("base64url");
}

function decodeCursor(cursor: string): Position {
  try {
    const [group, createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (
      (group === 0 || group === 1) &&
      typeof createdAt === "string" &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === "string" &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { group, createdAt, id };
    }
  } catch {}
  throw new DomainError("BAD_INPUT", "This page link is broken; go back to the first page.", {
    field: "cursor",
  });
}

/** The filter every inbox query shares: the actor's trips, an optional trip, statuses and search. */
export function inboxWhere(filter: Omit<InboxFilter, "cursor" | "limit">): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    filter.actor.type === "admin"
      ? Prisma.sql`true`
      : Prisma.sql`t.host_id = (select id from host_profiles where user_id = ${filter.actor.id}::uuid)`,
  ];
  if (filter.tripId) parts.push(Prisma.sql`o.trip_id = ${filter.tripId}::uuid`);
  if (filter.statuses?.length) parts.push(Prisma.sql`o.status = any(${filter.statuses}::order_status[])`);
  if (filter.search?.trim()) parts.push(Prisma.sql`(${searchCondition(filter.search)})`);
  return Prisma.join(parts, " and ");
}

const groupSql = Prisma.sql`(case when o.status = any(${[...needsValidation]}::order_status[]) then 0 else 1 end)`;

export async function listInbox(db: Db, filter: InboxFilter) {
  const now = filter.now ?? new Date();
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 100);
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const keyset = after
    ? Prisma.sql`and (${groupSql}, o.created_at, o.id) > (${after.group}, ${new Date(after.createdAt)}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  const page = await db.$queryRaw<{ id: string; grp: number; created_at: Date }[]>`
    select o.id::text, ${groupSql} as grp, o.created_at
    from orders o join trips t on t.id = o.trip_id
    where ${inboxWhere(filter)} ${keyset}
    order by grp, o.created_at, o.id
    limit ${limit + 1}`;
  const shown = page.slice(0, limit);
  const rows = await db.order.findMany({
    where: { id: { in: shown.map((r) => r.id) } },
    select: {
      id: true,
      code: true,
      status: true,
      guestName: true,
      guestPhone: true,
      subtotal: true,
      dpAmount: true,
      finalAmount: true,
      refundOwed: true,
      paymentDueAt: true,
      validationDueAt: true,
      createdAt: true,
      trip: { select: { id: true, title: true } },
      items: { select: { productName: true, quantity: true } },
      payments: {
        where: { status: "submitted" },
        orderBy: { submittedAt: "asc" },
        select: { id: true, kind: true, amount: true, submittedAt: true },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orders = shown.flatMap((r) => {
    const order = byId.get(r.id);
    if (!order) return [];
    const dueAt = order.status === "awaiting_validation" ? order.validationDueAt : null;
    return [{ ...order, msUntilAutoReject: dueAt ? Math.max(dueAt.getTime() - now.getTime(), 0) : null }];
  });
  const last = shown.at(-1);
  const nextCursor =
    page.length > limit && last
      ? encodeCursor({ group: last.grp, createdAt: last.created_at.toISOString(), id: last.id })
      : null;
  return { orders, nextCursor };
}

/** Orders per status for the same filter (without the status filter, so every tab shows its count). */
export async function inboxCounts(db: Db, filter: Omit<InboxFilter, "statuses" | "cursor" | "limit">) {
  const rows = await db.$queryRaw<{ status: OrderStatus; count: number }[]>`
    select o.status, count(*)::int as count
    from orders o join trips t on t.id = o.trip_id
    where ${inboxWhere(filter)}
    group by o.status`;
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.count])) as Partial<
    Record<OrderStatus, number>
  >;
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const waiting = needsValidation.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
  return { byStatus, total, needsValidation: waiting };
}
