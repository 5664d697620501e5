// System deadline transitions, set-based, shared by the per-order jobs (one id) and the cron sweep (batches).
// Per batch, one transaction of three statements: select the due orders FOR UPDATE SKIP LOCKED (status AND
// deadline column <= now: deadlines are data), move them and write their events; then their outbox rows and
// notify jobs (one add_jobs call); then release their stock aggregated per product, last, so a popular
// product's row lock is held only for the commit. Orders another transaction holds are
// skipped, never waited for; an order that moved on is simply not due any more, so re-running is a no-op.
import { type Db, type OrderStatus, Prisma } from "@nitip/db";
import { orderTransactionOptions, retryOnDeadlock } from "../db-errors.ts";
import { type NotificationToQueue, writeNotificationsAndJobs } from "../notifications/outbox.ts";
import { guestNotification, hostNotification, type NotifiedOrder } from "./notifications.ts";
import { findTransition, type OrderAction } from "./transitions.ts";

export interface DeadlineSweepOptions {
  /** Only these orders (a per-order job); otherwise every due order up to `limit`. */
  orderIds?: string[];
  /** Defaults to the database clock. */
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
  releaseStock: boolean;
  reason: string;
  /** Extra SET items on orders (constant SQL). */
  extraSet?: Prisma.Sql;
  /** Runs in the same statement on the moved orders (`moved` CTE). */
  extraCte?: Prisma.Sql;
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
  releaseStock: true,
  reason: "No down-payment proof before the payment deadline.",
  notify: (o) => [guestNotification(o, "order.expired", "expired")],
});

const validationTimeoutRule = defineSweep({
  from: "awaiting_validation",
  action: "validation_timeout",
  dueColumn: "validation_due_at",
  releaseStock: true,
  reason: "The host did not validate the payment proof in time.",
  // The guest says they paid: the DP is owed back until the host records a refund.
  extraSet: Prisma.sql`, refund_owed = o.dp_amount`,
  extraCte: Prisma.sql`, rejected_payments as (
      update payments p set status = 'rejected', validated_at = now(),
             reject_reason = 'Not validated by the host in time.'
      from moved where p.order_id = moved.id and p.kind = 'dp' and p.status = 'submitted')`,
  notify: (o) => [
    guestNotification(o, "order.auto_rejected", "auto-rejected"),
    hostNotification(o, "host.order.auto_rejected", "auto-rejected"),
  ],
});

const deliveryRule = defineSweep({
  from: "shipped",
  action: "confirm_delivery",
  dueColumn: "delivery_due_at",
  releaseStock: false,
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
  return retryOnDeadlock(() =>
    db.$transaction(async (tx) => {
      // 1. Move the due orders and write their events (and the rule's extra effects) in one statement.
      const moved = await tx.$queryRaw<NotifiedOrder[]>`
        with due as (
          select id from orders
          where status = ${rule.from}::order_status and ${due} <= coalesce(${now}::timestamptz, now()) ${onlyIds}
          order by ${due}
          limit ${limit}
          for update skip locked
        ), moved as (
          update orders o set status = ${rule.to}::order_status, updated_at = now() ${rule.extraSet ?? Prisma.empty}
          from due where o.id = due.id
          returning o.id, o.code, o.guest_phone, o.trip_id
        ) ${rule.extraCte ?? Prisma.empty}, events as (
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
      if (rule.releaseStock) {
        await tx.$executeRaw`
          update products p set stock_available = p.stock_available + r.quantity
          from (select product_id, sum(quantity)::int as quantity from order_items
                where order_id = any(${ids}::uuid[]) group by product_id) r
          where p.id = r.product_id and p.stock_available is not null`;
      }
      return ids;
    }, orderTransactionOptions),
  );
}

/** pending_dp orders past payment_due_at -> expired, stock released. Returns the ids it moved. */
export function expireOverdueOrders(db: Db, options: DeadlineSweepOptions = {}): Promise<string[]> {
  return runSweep(db, expireRule, options);
}

/** awaiting_validation orders past validation_due_at -> rejected, stock released, DP owed back. */
export function rejectOverdueValidations(db: Db, options: DeadlineSweepOptions = {}): Promise<string[]> {
  return runSweep(db, validationTimeoutRule, options);
}

/** shipped orders past delivery_due_at -> delivered. */
export function confirmOverdueDeliveries(db: Db, options: DeadlineSweepOptions = {}): Promise<string[]> {
  return runSweep(db, deliveryRule, options);
}

/** The `order:expire-dp` job: expires this order if it is still due; otherwise does nothing. */
export async function expireUnpaidOrder(db: Db, orderId: string, now?: Date): Promise<boolean> {
  return (await expireOverdueOrders(db, { orderIds: [orderId], now })).length === 1;
}

/** The `order:validation-timeout` job: rejects this order if its proof is still unvalidated past the deadline. */
export async function rejectUnvalidatedOrder(db: Db, orderId: string, now?: Date): Promise<boolean> {
  return (await rejectOverdueValidations(db, { orderIds: [orderId], now })).length === 1;
}
