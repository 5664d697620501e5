// System deadline transitions, set-based, shared by the per-order jobs (one id) and the cron sweep (batches).
// Per batch, one transaction of three statements: select the due orders FOR UPDATE SKIP LOCKED (status AND
// deadline column <= the database's now(): deadlines are data, judged by one clock), move them, settle what is
// owed back (refunds.ts) and write their events; then their outbox rows and notify jobs (one add_jobs call);
// then release their stock (stock.ts), last, so a popular product's row lock is held only for the commit.
// Orders another transaction holds are skipped, never waited for; an order that moved on is simply not due
// any more, so re-running is a no-op.
import { type Db, type OrderStatus, Prisma } from "@nitip/db";
import { orderTransactionOptions, retryOnDeadlock } from "../db-errors.ts";
import { type NotificationToQueue, writeNotificationsAndJobs } from "../notifications/outbox.ts";
import { guestNotification, hostNotification, type NotifiedOrder } from "./notifications.ts";
import { closeSubmittedPaymentsCte, refundOwedSql } from "./refunds.ts";
import { releaseStock } from "./stock.ts";
import { findTransition, type OrderAction } from "./transitions.ts";

export interface DeadlineSweepOptions {
  /** Only these orders (a per-order job); otherwise every due order up to `limit`. */
  orderIds?: string[];
  /** Defaults to the database clock (tests pass a later time to act as if it had passed). */
  now?: Date;
  /** Batch size for the sweep; default 2000, at most 5000. */
  limit?: number;
}

/** Orders per sweep transaction: big enough that per-batch costs vanish, small enough to stay well under a second. */
export const defaultSweepBatch = 2000;
const maxSweepBatch = 5000;

interface SweepRule {
  from: OrderStatus;
  action: OrderAction;
  dueColumn: "payment_due_at" | "validation_due_at" | "delivery_due_at";
  /** The move ends the order: stock released, refund owed recorded, waiting payments closed. */
  ends: boolean;
  reason: string;
  notify: (order: NotifiedOrder) => NotificationToQueue[];
}

function defineSweep(rule: SweepRule): SweepRule & { to: OrderStatus } {
  const transition = findTransition(rule.from, rule.action, "system");
  if (!transition)
    throw new Error(`The transition table has no system move ${rule.action} from ${rule.from}`);
  return { ...rule, to: transition.to };
}

const expireRule = defineSweep({
  from: "pending_dp",
  action: "expire",
  dueColumn: "payment_due_at",
  ends: true,
  reason: "No down-payment proof before the payment deadline.",
  notify: (o) => [guestNotification(o, "order.expired", "expired")],
});

const autoRejected = (o: NotifiedOrder) => [
  guestNotification(o, "order.auto_rejected", "auto-rejected"),
  hostNotification(o, "host.order.auto_rejected", "auto-rejected"),
];

const validationTimeoutRule = defineSweep({
  from: "awaiting_validation",
  action: "validation_timeout",
  dueColumn: "validation_due_at",
  ends: true,
  reason: "The host did not validate the payment proof in time.",
  // The guest says they paid: the DP is owed back until the host records a refund.
  notify: autoRejected,
});

// A final proof the host leaves unvalidated past its own validation_due_at ends the order the same way as an
// unvalidated DP: rejected, stock released, the DP and the final payment owed back. The alternatives were
// worse for someone: back to awaiting_final_payment would ask a guest who says they paid everything to pay
// again while the host keeps the money (PRODUCT.md: a host who does not validate in time must not keep the
// guest's money); accepting it unseen would make the host ship against a proof nobody checked. The host is
// reminded before the deadline ("proofs waiting", reminders.ts) and can still accept until it passes.
const finalValidationTimeoutRule = defineSweep({
  from: "awaiting_final_validation",
  action: "validation_timeout",
  dueColumn: "validation_due_at",
  ends: true,
  reason: "The host did not validate the final-payment proof in time.",
  notify: autoRejected,
});

const deliveryRule = defineSweep({
  from: "shipped",
  action: "confirm_delivery",
  dueColumn: "delivery_due_at",
  ends: false,
  reason: "Delivery confirmed automatically after the confirmation window.",
  notify: (o) => [
    guestNotification(o, "order.delivered", "delivered"),
    hostNotification(o, "host.order.delivered", "delivered"),
  ],
});

async function runSweep(
  db: Db,
  rule: SweepRule & { to: OrderStatus },
  options: DeadlineSweepOptions,
): Promise<string[]> {
  if (options.orderIds && options.orderIds.length === 0) return [];
  const limit = Math.max(1, Math.min(options.limit ?? defaultSweepBatch, maxSweepBatch));
  const now = options.now ?? null;
  const due = Prisma.raw(rule.dueColumn);
  const onlyIds = options.orderIds ? Prisma.sql`and id = any(${options.orderIds}::uuid[])` : Prisma.empty;
  // Ending an order: what is owed back is read in the same snapshot as the payments it closes.
  const settle = rule.ends
    ? {
        set: Prisma.sql`, refund_owed = ${refundOwedSql(Prisma.sql`o.id`)}`,
        cte: Prisma.sql`, ${closeSubmittedPaymentsCte(rule.reason)}`,
      }
    : { set: Prisma.empty, cte: Prisma.empty };
  return retryOnDeadlock(() =>
    db.$transaction(async (tx) => {
      // 1. Move the due orders, settle them and write their events in one statement (closed_payments and
      // events are not referenced: data-modifying CTEs always run to completion).
      const moved = await tx.$queryRaw<NotifiedOrder[]>`
        with due as (
          select id from orders
          where status = ${rule.from}::order_status and ${due} <= coalesce(${now}::timestamptz, now()) ${onlyIds}
          order by ${due}
          limit ${limit}
          for update skip locked
        ), moved as (
          update orders o set status = ${rule.to}::order_status, updated_at = now() ${settle.set}
          from due where o.id = due.id
          returning o.id, o.code, o.guest_phone, o.trip_id
        ) ${settle.cte}, events as (
          insert into order_events (order_id, from_status, to_status, actor_type, reason)
          select id, ${rule.from}::order_status, ${rule.to}::order_status, 'system', ${rule.reason} from moved
        )
        select moved.id::text as id, moved.code, moved.guest_phone as "guestPhone", h.whatsapp_number as "hostPhone"
        from moved join trips t on t.id = moved.trip_id join host_profiles h on h.id = t.host_id`;
      if (moved.length === 0) return [];
      const ids = moved.map((order) => order.id);
      // 2. Their outbox rows and notify jobs: one statement, one add_jobs call.
      await writeNotificationsAndJobs(tx, moved.flatMap(rule.notify));
      // 3. Stock back last, so the row locks on popular products are held only until the commit that follows.
      if (rule.ends) await releaseStock(tx, ids);
      return ids;
    }, orderTransactionOptions),
  );
}

/** pending_dp orders past payment_due_at -> expired, stock released. Returns the ids it moved. */
export function expireOverdueOrders(db: Db, options: DeadlineSweepOptions = {}): Promise<string[]> {
  return runSweep(db, expireRule, options);
}

/**
 * Proofs past their validation_due_at -> rejected, stock released, what the guest paid owed back: DP proofs
 * first, then final-payment proofs, together at most `limit` orders (so a caller that stops on a short batch
 * still sees a full one while either kind is left).
 */
export async function rejectOverdueValidations(
  db: Db,
  options: DeadlineSweepOptions = {},
): Promise<string[]> {
  const limit = Math.max(1, Math.min(options.limit ?? defaultSweepBatch, maxSweepBatch));
  const dp = await runSweep(db, validationTimeoutRule, { ...options, limit });
  if (dp.length >= limit) return dp;
  const final = await runSweep(db, finalValidationTimeoutRule, { ...options, limit: limit - dp.length });
  return [...dp, ...final];
}

/** shipped orders past delivery_due_at -> delivered. */
export function confirmOverdueDeliveries(db: Db, options: DeadlineSweepOptions = {}): Promise<string[]> {
  return runSweep(db, deliveryRule, options);
}

/** The `order:expire-dp` job: expires this order if it is still due; otherwise does nothing. */
export async function expireUnpaidOrder(db: Db, orderId: string, now?: Date): Promise<boolean> {
  return (await expireOverdueOrders(db, { orderIds: [orderId], now })).length === 1;
}

/** The `order:validation-timeout` job: rejects this order if its proof (DP or final) is still unvalidated past the deadline. */
export async function rejectUnvalidatedOrder(db: Db, orderId: string, now?: Date): Promise<boolean> {
  return (await rejectOverdueValidations(db, { orderIds: [orderId], now })).length === 1;
}
