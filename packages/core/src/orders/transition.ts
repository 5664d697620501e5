// The shape every single-order transition shares: load, authorise, look the move up in the table, one
// conditional update on the status that was read (losing a race is a CONFLICT naming the new status), the
// audit event, then the transition's own effects, its outbox rows and all its jobs in one add_jobs call.
// Time is the database's: `now` is the transaction's now(), the same clock the deadline sweeps use, so a
// deadline is judged alike whichever side gets there first, whatever the app server's clock says.
import type { Db, OrderStatus, Prisma, Tx } from "@nitip/db";
import type { JobSpec } from "@nitip/jobs";
import { orderTransactionOptions, retryOnDeadlock } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import { type NotificationToQueue, writeNotificationsAndJobs } from "../notifications/outbox.ts";
import type { NotifiedOrder } from "./notifications.ts";
import { type Actor, type OrderAction, requireTransition, type TransitionRule } from "./transitions.ts";

export async function loadOrder(db: Db | Tx, orderId: string) {
  if (!isUuid(orderId)) return null;
  return db.order.findUnique({
    where: { id: orderId },
    include: {
      trip: {
        select: {
          title: true,
          slug: true,
          hostId: true,
          host: { select: { userId: true, whatsappNumber: true, displayName: true } },
        },
      },
    },
  });
}

export type LoadedOrder = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

export function notifiedOrder(order: LoadedOrder): NotifiedOrder {
  return {
    id: order.id,
    code: order.code,
    guestPhone: order.guestPhone,
    hostPhone: order.trip.host.whatsappNumber,
  };
}

/** A host sees only orders of their own trips; anyone else gets the same NOT_FOUND as for a missing order. */
export function assertActorMayTouch(order: LoadedOrder | null, actor: Actor): asserts order is LoadedOrder {
  const allowed =
    order !== null &&
    (actor.type !== "host" || (actor.id !== undefined && order.trip.host.userId === actor.id));
  if (!allowed) throw new DomainError("NOT_FOUND", "No such order among your trips.");
}

export interface TransitionContext {
  tx: Tx;
  /** The database's now() for this transaction. */
  now: Date;
  order: LoadedOrder;
  rule: TransitionRule;
  eventId: bigint;
}

export interface TransitionEffects<T> {
  result: T;
  notifications?: NotificationToQueue[];
  jobs?: JobSpec[];
}

export interface TransitionRequest<T> {
  orderId: string;
  action: OrderAction;
  actor: Actor;
  reason?: string;
  /** Checks on the loaded order beyond the table (deadlines, amounts); throw a DomainError to refuse. */
  guard?: (order: LoadedOrder) => void;
  /**
   * Extra conditions for the conditional update, e.g. a deadline after the database's `now`, so time passing
   * mid-flight still counts.
   */
  where?: (now: Date) => Prisma.OrderWhereInput;
  /** What the update sets besides the status (`now` is the database's). */
  set?: (order: LoadedOrder, rule: TransitionRule, now: Date) => Prisma.OrderUpdateManyMutationInput;
  /** Thrown when the status is unchanged but `where` no longer matches. */
  whereFailed?: () => DomainError;
  effects: (context: TransitionContext) => Promise<TransitionEffects<T>>;
}

export async function transitionOrder<T>(db: Db, request: TransitionRequest<T>): Promise<T> {
  return retryOnDeadlock(() =>
    db.$transaction(async (tx) => {
      const [order, now] = await Promise.all([loadOrder(tx, request.orderId), databaseNow(tx)]);
      assertActorMayTouch(order, request.actor);
      const rule = requireTransition(order.status, request.action, request.actor.type, order.paymentType);
      request.guard?.(order);
      const updated = await tx.order.updateMany({
        where: { id: order.id, status: order.status, ...request.where?.(now) },
        data: { status: rule.to, ...request.set?.(order, rule, now) },
      });
      if (updated.count !== 1) {
        const now = await tx.order.findUnique({ where: { id: order.id }, select: { status: true } });
        if (now?.status === order.status && request.whereFailed) throw request.whereFailed();
        throw conflict(order.status, now?.status);
      }
      const event = await tx.orderEvent.create({
        data: {
          orderId: order.id,
          fromStatus: order.status,
          toStatus: rule.to,
          actorType: request.actor.type,
          actorId: request.actor.id ?? null,
          reason: request.reason ?? null,
        },
        select: { id: true },
      });
      const effects = await request.effects({ tx, now, order, rule, eventId: event.id });
      await writeNotificationsAndJobs(tx, effects.notifications ?? [], effects.jobs ?? []);
      return effects.result;
    }, orderTransactionOptions),
  );
}

/** The database's now(): inside a transaction, its start time, the value its conditional updates compare with. */
export async function databaseNow(db: Db | Tx): Promise<Date> {
  const [row] = await db.$queryRaw<{ now: Date }[]>`select now() as now`;
  if (!row) throw new Error("select now() returned no row");
  return row.now;
}

function conflict(expected: OrderStatus, current: OrderStatus | undefined): DomainError {
  const words = current ? `is now ${current.replaceAll("_", " ")}` : "no longer exists";
  return new DomainError(
    "CONFLICT",
    `This order changed while you were acting on it: it was ${expected.replaceAll("_", " ")} and ${words}. Reload and try again.`,
    { expected, current: current ?? null },
  );
}
