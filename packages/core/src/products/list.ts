// What a host sees of a trip's products: remaining stock next to the units orders reserved and bought.
import type { Db } from "@nitip/db";
import { loadOwnedTrip, type WorkspaceActor } from "../hosts/access.ts";

/** Orders holding a reservation (not yet accepted) and orders whose units are sold. */
const reservingStatuses = ["pending_dp", "awaiting_validation"];
const soldStatuses = ["awaiting_final_payment", "awaiting_final_validation", "paid", "shipped", "delivered"];

export async function listTripProducts(db: Db, input: { actor: WorkspaceActor; tripId: string }) {
  const trip = await loadOwnedTrip(db, input.actor, input.tripId);
  const [products, held] = await Promise.all([
    db.product.findMany({
      where: { tripId: trip.id },
      orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
    }),
    db.$queryRaw<{ product_id: string; reserved: number; sold: number }[]>`
      select i.product_id::text,
             coalesce(sum(i.quantity) filter (where o.status = any(${reservingStatuses}::order_status[])), 0)::int as reserved,
             coalesce(sum(i.quantity) filter (where o.status = any(${soldStatuses}::order_status[])), 0)::int as sold
      from order_items i join orders o on o.id = i.order_id
      where o.trip_id = ${trip.id}::uuid
      group by i.product_id`,
  ]);
  const byProduct = new Map(held.map((h) => [h.product_id, h]));
  return products.map((p) => ({
    ...p,
    reservedUnits: byProduct.get(p.id)?.reserved ?? 0,
    soldUnits: byProduct.get(p.id)?.sold ?? 0,
  }));
}
