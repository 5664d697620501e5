// The shape every single-order transition shares: load, authorise, look the move up in the table, one
// conditional update on the status that was read (losing a race is a CONFLICT naming the new status), the
// audit event, then the transition's own effects, its outbox rows and all its jobs in one add_jobs call.
import type { Db, OrderStatus, Prisma, Tx } from "@nitip/db";
import type { JobSpec } from "@nitip/jobs";
import { orderTransactionOptions, retryOnDeadlock } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import { type NotificationToQueue, writeNotificationsAndJobs } from "../notifications/outbox.ts";
import type { NotifiedOrder } from "./notifications.ts";
import { type Actor, type OrderAction, requireTransition, type TransitionRule } from "./transitions.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadOrder(db: Db | Tx, orderId: string) {
  if (!uuidPattern.test(orderId)) return null;
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
  /** Extra conditions for the conditional update, e.g. the deadline, so time passing mid-flight still counts. */
  where?: Prisma.OrderWhereInput;
  /** What the update sets besides the status. */
  set?: (order: LoadedOrder, rule: TransitionRule) => Prisma.OrderUpdateManyMutationInput;
  /** Thrown when the status is unchanged but `where` no longer matches. */
  whereFailed?: () => DomainError;
  effects: (context: TransitionContext) => Promise<TransitionEffects<T>>;
}

export async function transitionOrder<T>(db: Db, request: TransitionRequest<T>): Promise<T> {
  return retryOnDeadlock(() =>
    db.$transaction(async (tx) => {
      const order = await loadOrder(tx, request.orderId);
      assertActorMayTouch(order, request.actor);
      const rule = requireTransition(order.status, request.action, request.actor.type, order.paymentType);
      request.guard?.(order);
      const updated = await tx.order.updateMany({
        where: { id: order.id, status: order.status, ...request.where },
        data: { status: rule.to, ...request.set?.(order, rule) },
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
      const effects = await request.effects({ tx, order, rule, eventId: event.id });
      await writeNotificationsAndJobs(tx, effects.notifications ?? [], effects.jobs ?? []);
      return effects.result;
    }, orderTransactionOptions),
  );
}

function conflict(expected: OrderStatus, current: OrderStatus | undefined): DomainError {
  const words = current ? `is now ${current.replaceAll("_", " ")}` : "no longer exists";
  return new DomainError(
    "CONFLICT",
    `This order changed while you were acting on it: it was ${expected.replaceAll("_", " ")} and ${words}. Reload and try again.`,
    { expected, current: current ?? null },
  );
}
