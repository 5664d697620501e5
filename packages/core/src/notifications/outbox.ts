// Notifications are written as outbox rows inside the transaction of the event that causes them, each with
// a `notify:send` job, so a message exists if and only if its event committed. The worker sends them.
import { randomUUID } from "node:crypto";
import type { Db, Prisma, Tx } from "@nitip/db";
import { enqueue, type JobSpec, job, jobSpecRows } from "@nitip/jobs";
import { DomainError } from "../errors.ts";

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

/** One notification_outbox row with its id chosen here, as the json that `outboxRowsFromJsonSql` reads. */
export interface OutboxRow {
  id: string;
  order_id: string | null;
  channel: NotificationChannel;
  recipient: string;
  template_key: string;
  params: Prisma.InputJsonObject;
  dedupe_key: string;
}

/**
 * Outbox rows with ids generated here, and their `notify:send` jobs (payloads checked by the job catalog),
 * for callers that write both in their own SQL statement.
 */
export function prepareNotifications(notifications: readonly NotificationToQueue[]): {
  rows: OutboxRow[];
  jobs: JobSpec[];
} {
  const rows = notifications.map((n) => ({
    id: randomUUID(),
    order_id: n.orderId ?? null,
    channel: n.channel,
    recipient: n.recipient,
    template_key: n.templateKey,
    params: n.params ?? {},
    dedupe_key: n.dedupeKey,
  }));
  return { rows, jobs: rows.map((row) => job("notify:send", { outboxId: row.id })) };
}

/** `FROM` item for `JSON.stringify(rows)` of OutboxRow passed as one parameter; columns as in the table. */
export function outboxRowsFromJsonSql(jsonParameter: string): string {
  return `json_to_recordset(${jsonParameter}::json) as r(id uuid, order_id uuid, channel notification_channel,
            recipient text, template_key text, params jsonb, dedupe_key text)`;
}

/**
 * One statement: inserts the outbox rows (skipping dedupe keys already present) and adds, in ONE add_jobs
 * call, the `notify:send` job of each row actually inserted plus `jobs`. Returns how many rows it inserted.
 */
export async function writeNotificationsAndJobs(
  tx: Tx,
  notifications: readonly NotificationToQueue[],
  jobs: readonly JobSpec[] = [],
): Promise<number> {
  if (notifications.length === 0 && jobs.length === 0) return 0;
  const prepared = prepareNotifications(notifications);
  const [result] = await tx.$queryRawUnsafe<{ inserted: number }[]>(
    `with inserted as (
       insert into notification_outbox (id, order_id, channel, recipient, template_key, params, dedupe_key)
       select r.id, r.order_id, r.channel, r.recipient, r.template_key, r.params, r.dedupe_key
       from ${outboxRowsFromJsonSql("$1")}
       on conflict (dedupe_key) do nothing
       returning id
     ), specs as (
       select s from json_array_elements($2::json) s
       where (s->'payload'->>'outboxId')::uuid in (select id from inserted)
       union all
       select s from json_array_elements($3::json) s
     ), added as (
       select graphile_worker.add_jobs(
                array(select json_populate_record(null::graphile_worker.job_spec, specs.s) from specs), false)
       from (select 1 where exists (select 1 from specs)) any_jobs
     )
     select (select count(*) from inserted)::int as inserted, (select count(*) from added)::int as jobs`,
    JSON.stringify(prepared.rows),
    JSON.stringify(jobSpecRows(prepared.jobs)),
    JSON.stringify(jobSpecRows(jobs)),
  );
  return result?.inserted ?? 0;
}

/**
 * Puts `failed` outbox rows back to `pending`, for a job that will run again (a new one, or its own retried
 * by an admin): a `failed` row is skipped by the sender. Returns the ids it reopened.
 */
export async function reopenFailedNotifications(tx: Tx, outboxIds: readonly string[]): Promise<string[]> {
  if (outboxIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    update notification_outbox set status = 'pending'
     where id = any(${[...outboxIds]}::uuid[]) and status = 'failed'
    returning id::text`;
  return rows.map((row) => row.id);
}

/**
 * Puts a `failed` outbox row back in the queue through the caller's transaction: status `pending` and a new
 * `notify:send` job (with a fresh retry period). Idempotent: a row already pending is left as it is, its job
 * is on its way. Refuses a row that was sent (re-sending it would message the person twice) or is gone.
 */
export async function requeueFailedNotification(
  tx: Tx,
  outboxId: string,
): Promise<{ status: "requeued"; jobId: string } | { status: "already pending" }> {
  // The conditional update serializes concurrent calls: only one sees `failed` and adds a job.
  if ((await reopenFailedNotifications(tx, [outboxId])).length === 1) {
    return { status: "requeued", jobId: await enqueue(tx, "notify:send", { outboxId }) };
  }
  const row = await tx.notificationOutbox.findUnique({ where: { id: outboxId }, select: { status: true } });
  if (!row) throw new DomainError("NOT_FOUND", `Notification ${outboxId} does not exist.`);
  if (row.status === "sent") {
    throw new DomainError("CONFLICT", `Notification ${outboxId} was already sent; it is not sent again.`);
  }
  return { status: "already pending" };
}

/** requeueFailedNotification in a transaction of its own. */
export async function resendFailedNotification(
  db: Db,
  outboxId: string,
): Promise<{ status: "requeued" | "already pending" }> {
  const result = await db.$transaction((tx) => requeueFailedNotification(tx, outboxId));
  return { status: result.status };
}
