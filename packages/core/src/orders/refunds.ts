// What is owed back when an order ends, in one place for every path that ends one: the guest's cancel, the
// host's cancel or rejection, expiry and the auto-rejections (DP and final proof). The rule: every down or
// final payment the guest made or says they made (accepted, or submitted and never validated), whatever the
// trip's payment type. A full-payment trip's "DP" is the whole amount, so the same rule covers it.
import { Prisma, type Tx } from "@nitip/db";

/** THE refund-owed rule as a SQL expression on an order id expression (read before the payments are closed). */
export function refundOwedSql(orderId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(select coalesce(sum(pay.amount), 0)::int from payments pay
    where pay.order_id = ${orderId} and pay.kind in ('dp', 'final') and pay.status in ('accepted', 'submitted'))`;
}

/** Closes the still-submitted payments of the orders in CTE `moved` (for set-based statements). */
export function closeSubmittedPaymentsCte(reason: string): Prisma.Sql {
  return Prisma.sql`closed_payments as (
    update payments pay set status = 'rejected', validated_at = now(), reject_reason = ${reason}
    from moved where pay.order_id = moved.id and pay.status = 'submitted')`;
}

/**
 * One order just ended (its status move is written in this transaction): records what is owed back and
 * rejects the payments still waiting for validation, in one statement, whose snapshot still counts those
 * payments as submitted. Returns the amount owed.
 */
export async function settleEndedOrder(
  tx: Tx,
  orderId: string,
  closing: { reason: string; validatedById?: string | null },
): Promise<number> {
  const [row] = await tx.$queryRaw<{ refund_owed: number }[]>`
    with closed as (
      update payments set status = 'rejected', validated_at = now(), reject_reason = ${closing.reason},
             validated_by_id = ${closing.validatedById ?? null}::uuid
      where order_id = ${orderId}::uuid and status = 'submitted'
    )
    -- (closed is not referenced: a data-modifying CTE always runs to completion.)
    update orders o set refund_owed = ${refundOwedSql(Prisma.sql`o.id`)}
    where o.id = ${orderId}::uuid
    returning o.refund_owed`;
  return row?.refund_owed ?? 0;
}
