// Notifications are written as outbox rows inside the transaction of the event that causes them, each with
// a `notify:send` job, so a message exists if and only if its event committed. The worker sends them.
import type { Prisma, Tx } from "@nitip/db";
import { type JobSpec, job } from "@nitip/jobs";

export type NotificationChannel = "whatsapp" | "email";

export interface NotificationToQueue {
  orderId?: string;
  channel: NotificationChannel;
  /** E.164 phone number or email address. */
  recipient: string;
  templateKey: string;
  /**
   * Whatever the template needs. Never a magic-link token: the sender mints a fresh one at send time when
   * `params.withOrderLink` is true, so no usable token is ever stored.
   */
  params?: Prisma.InputJsonObject;
  /** Unique per logical message, e.g. `order:<id>:placed:guest`; a repeat is silently skipped. */
  dedupeKey: string;
}

/**
 * Inserts the outbox rows (skipping dedupe keys already present) and returns the `notify:send` jobs for the
 * rows actually inserted, for the caller to add with its other jobs in one `enqueueAll`.
 */
export async function queueNotifications(
  tx: Tx,
  notifications: readonly NotificationToQueue[],
): Promise<JobSpec[]> {
  if (notifications.length === 0) return [];
  const inserted = await tx.notificationOutbox.createManyAndReturn({
    data: notifications.map((n) => ({
      orderId: n.orderId ?? null,
      channel: n.channel,
      recipient: n.recipient,
      templateKey: n.templateKey,
      params: n.params ?? {},
      dedupeKey: n.dedupeKey,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  return inserted.map((row) => job("notify:send", { outboxId: row.id }));
}
