// Limited stock, in one place. Placement reserves (its statement's `reserved` CTE takes the units and writes
// each line's `reserved_quantity`); every path that ends an order gives back exactly what its lines hold,
// through `releaseStock`, in the transaction that ends it; a product edit changes the stock through
// `writeProductStock`. What a line holds is data on the line, never re-derived from the product's current
// limited/unlimited setting, so a product switched between the two while orders hold it neither gains phantom
// units nor loses real ones. A line of an ended order (expired, rejected, cancelled) holds nothing, whatever its
// `reserved_quantity` still says: that column records what the order took.
import { type OrderStatus, Prisma, type Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";

/** The statuses that end an order and give its stock back. */
const endedStatuses: readonly OrderStatus[] = ["expired", "rejected", "cancelled"];

/**
 * Gives back what the lines of these orders hold. Call it exactly once per order: in the transaction that
 * moves the order to an ended status, after that move and last, so a popular product's row lock is held only
 * until the commit. The status move is what makes it once (a second cancel is refused, a re-run sweep finds
 * nothing due), so the lines are not rewritten: zeroing them cost a fifth of the expiry sweep's WAL (bench
 * `sweep_wal_mb`). A product that became unlimited meanwhile takes nothing back.
 */
export async function releaseStock(tx: Tx, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.$executeRaw`
    update products p set stock_available = p.stock_available + r.quantity
    from (select product_id, sum(reserved_quantity)::int as quantity from order_items
          where order_id = any(${orderIds}::uuid[]) and reserved_quantity > 0
          group by product_id order by product_id) r
    where p.id = r.product_id and p.stock_available is not null`;
}

/**
 * A host sets a product's stock: `stock` units available to new orders (not counting what open orders hold),
 * or null for unlimited. Switching to unlimited forgets what open orders hold (there is no count left to give
 * it back to); switching to limited leaves the open orders holding nothing, as they were placed. The product
 * row is updated first, so its lock orders this edit after any placement in flight on it, and the second
 * statement sees that placement's lines.
 */
export async function writeProductStock(tx: Tx, productId: string, stock: number | null): Promise<void> {
  if (stock !== null && (!Number.isInteger(stock) || stock < 0)) {
    throw new DomainError("BAD_INPUT", "Stock is a whole number of units from 0, or unlimited.", {
      field: "stock",
    });
  }
  await tx.$executeRaw`update products set stock_available = ${stock}::int where id = ${productId}::uuid`;
  if (stock === null) {
    await tx.$executeRaw`
      update order_items set reserved_quantity = 0 where product_id = ${productId}::uuid and reserved_quantity > 0`;
  }
}

/** Units of each product held by orders not ended (for a host's stock page: available + held = what they had). */
export async function heldStock(tx: Pick<Tx, "$queryRaw">, productIds: readonly string[]) {
  const rows = await tx.$queryRaw<{ product_id: string; held: number }[]>`
    select i.product_id::text, sum(i.reserved_quantity)::int as held
      from order_items i join orders o on o.id = i.order_id
     where i.product_id = any(${productIds}::uuid[]) and i.reserved_quantity > 0
       and o.status not in (${Prisma.join(endedStatuses.map((s) => Prisma.sql`${s}::order_status`))})
     group by i.product_id`;
  return new Map(rows.map((row) => [row.product_id, row.held]));
}
