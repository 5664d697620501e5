// The notification outbox for the admin: counts by status and channel, the latest rows with the provider's
// message id and error, and "send again" for a row whose job gave up. Recipients and errors are shown redacted
// (phones, emails, tokens): the admin needs to see what went wrong, not whom it was for.
import type { Db } from "@nitip/db";
import { requeueFailedNotification } from "../notifications/outbox.ts";
import { redactText } from "../privacy/redact.ts";
import { recordAdminAction } from "./audit.ts";

export type OutboxStatus = "pending" | "sent" | "failed";
export type OutboxChannel = "whatsapp" | "email";

export interface OutboxFilter {
  status?: OutboxStatus;
  channel?: OutboxChannel;
}

export async function countOutbox(db: Db) {
  const rows = await db.notificationOutbox.groupBy({ by: ["status", "channel"], _count: { _all: true } });
  return rows.map((row) => ({ status: row.status, channel: row.channel, count: row._count._all }));
}

export async function listOutbox(db: Db, filter: OutboxFilter = {}, limit = 100) {
  const rows = await db.notificationOutbox.findMany({
    where: { status: filter.status, channel: filter.channel },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      channel: true,
      recipient: true,
      templateKey: true,
      status: true,
      attempts: true,
      providerMessageId: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      order: { select: { id: true, code: true } },
    },
  });
  return rows.map(({ recipient, lastError, order, ...row }) => ({
    ...row,
    recipient: redactText(recipient),
    lastError: lastError === null ? null : redactText(lastError),
    orderId: order?.id ?? null,
    orderCode: order?.code ?? null,
  }));
}

/** Sends a given-up (`failed`) row again with a new job; the audit row commits with it. */
export async function resendNotification(db: Db, input: { outboxId: string; adminUserId: string }) {
  return db.$transaction(async (tx) => {
    const result = await requeueFailedNotification(tx, input.outboxId);
    const jobIds = result.status === "requeued" ? [BigInt(result.jobId)] : [];
    await recordAdminAction(tx, {
      adminUserId: input.adminUserId,
      action: "resend",
      target: `notification ${input.outboxId}`,
      jobIds,
      affectedIds: jobIds,
    });
    return result;
  });
}
