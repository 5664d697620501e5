// Reminders for deadlines that are near. Each reminder is an outbox row whose dedupe key names the deadline it
// is about, so running this every few minutes (or on two workers at once) queues each reminder exactly once;
// a moved deadline gets a new key and therefore a new reminder.
import type { Db } from "@nitip/db";
import { type NotificationToQueue, writeNotificationsAndJobs } from "./outbox.ts";

export interface ReminderWindows {
  /** Remind the guest when the DP is due within this many minutes. */
  dpMinutes: number;
  /** Remind the guest when the final payment is due within this many hours. */
  finalHours: number;
  /** Remind the host when a proof's validation deadline is within this many hours. */
  proofHours: number;
}

export const defaultReminderWindows: ReminderWindows = { dpMinutes: 10, finalHours: 24, proofHours: 6 };

interface DueOrder {
  id: string;
  code: string;
  guest_name: string;
  guest_phone: string;
  amount: number;
  due_at: Date;
}

interface WaitingHost {
  host_id: string;
  whatsapp_number: string;
  count: number;
  due_at: Date;
}

/** Queues the reminders that are due; returns how many new outbox rows were written. */
export async function queueDueReminders(
  db: Db,
  windows: ReminderWindows = defaultReminderWindows,
  now = new Date(),
): Promise<number> {
  const dp = await db.$queryRawUnsafe<DueOrder[]>(
    `select id, code, guest_name, guest_phone, dp_amount as amount, payment_due_at as due_at
       from orders
      where status = 'pending_dp' and payment_due_at > $1 and payment_due_at <= $1 + $2 * interval '1 minute'`,
    now,
    windows.dpMinutes,
  );
  const final = await db.$queryRawUnsafe<DueOrder[]>(
    // final_amount is already net of the DP (invoice.ts, finalAmountOf): it is what the guest still owes.
    `select id, code, guest_name, guest_phone, final_amount as amount, final_due_at as due_at
       from orders
      where status = 'awaiting_final_payment' and final_amount is not null and final_due_at > $1 and final_due_at <= $1 + $2 * interval '1 hour'`,
    now,
    windows.finalHours,
  );
  const hosts = await db.$queryRawUnsafe<WaitingHost[]>(
    `select h.id as host_id, h.whatsapp_number, count(*)::int as count, min(o.validation_due_at) as due_at
       from orders o join trips t on t.id = o.trip_id join host_profiles h on h.id = t.host_id
      where o.status in ('awaiting_validation', 'awaiting_final_validation')
        and o.validation_due_at > $1 and o.validation_due_at <= $1 + $2 * interval '1 hour'
      group by h.id, h.whatsapp_number`,
    now,
    windows.proofHours,
  );
  const guest = (order: DueOrder, templateKey: string, ref: string): NotificationToQueue => ({
    orderId: order.id,
    channel: "whatsapp",
    recipient: order.guest_phone,
    templateKey,
    params: {
      orderCode: order.code,
      guestName: order.guest_name,
      amount: order.amount,
      dueAt: order.due_at.toISOString(),
      withOrderLink: true,
    },
    dedupeKey: `order:${order.id}:reminder:${ref}:${order.due_at.toISOString()}:guest`,
  });
  const rows: NotificationToQueue[] = [
    ...dp.map((order) => guest(order, "order.dp_reminder", "dp")),
    ...final.map((order) => guest(order, "order.final_reminder", "final")),
    ...hosts.map((host) => ({
      channel: "whatsapp" as const,
      recipient: host.whatsapp_number,
      templateKey: "host.proofs_waiting",
      params: { count: host.count, dueAt: host.due_at.toISOString() },
      // One reminder per host per earliest deadline: a new proof with an earlier deadline reminds again.
      dedupeKey: `host:${host.host_id}:proofs-waiting:${host.due_at.toISOString()}`,
    })),
  ];
  if (rows.length === 0) return 0;
  // One statement: rows whose dedupe key already exists are skipped, with no job.
  return writeNotificationsAndJobs(db, rows);
}
