// Every admin action on jobs or notifications leaves one row: who, what, which jobs, when. Written in the
// transaction of the change it records, and shown on the admin's action log.
import type { Db, Tx } from "@nitip/db";

export type AdminJobAction = "retry" | "discard" | "replay" | "force_unlock" | "resend";

export async function recordAdminAction(
  tx: Tx,
  entry: {
    adminUserId: string;
    action: AdminJobAction;
    /** What the action aimed at beyond job ids: a group, a worker, a notification. */
    target: string | null;
    jobIds: readonly bigint[];
    affectedIds: readonly bigint[];
  },
): Promise<void> {
  await tx.adminAction.create({
    data: {
      userId: entry.adminUserId,
      action: entry.action,
      target: entry.target,
      jobIds: [...entry.jobIds],
      affectedIds: [...entry.affectedIds],
    },
  });
}

export async function listAdminActions(db: Db, limit = 50) {
  const rows = await db.adminAction.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      action: true,
      target: true,
      jobIds: true,
      affectedIds: true,
      createdAt: true,
      user: { select: { email: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    action: row.action as AdminJobAction,
    target: row.target,
    jobIds: row.jobIds.map(String),
    affectedIds: row.affectedIds.map(String),
    createdAt: row.createdAt,
    by: row.user.email,
  }));
}
