// Who hears of which order: the guest of one order (while their browser still holds its credential), and a
// host of the orders on their own trips (an admin, like in the inbox, of every order).
import type { Db, Prisma } from "@nitip/db";
import type { WatchScope } from "./watch";

/**
 * The newest order event matching `where`, as its last row by id: Prisma's `aggregate({ _max })` wraps the
 * query in a subquery with an OFFSET that PostgreSQL cannot answer from the primary key (see version.ts), and
 * every subscriber runs this on each resync, a bulk change (a sweep batch) included.
 */
async function newestEvent(db: Db, where: Prisma.OrderEventWhereInput): Promise<bigint | null> {
  const event = await db.orderEvent.findFirst({ where, orderBy: { id: "desc" }, select: { id: true } });
  return event?.id ?? null;
}

export function guestOrderScope(db: Db, orderId: string, stillHeld: () => Promise<boolean>): WatchScope {
  return {
    concerns: async (change) => change.orderId === orderId && (await stillHeld()),
    newestAfter: (version) => newestEvent(db, { orderId, id: { gt: version } }),
  };
}

export function hostOrdersScope(db: Db, user: { id: string; role: "host" | "admin" }): WatchScope {
  const everyOrder = user.role === "admin";
  return {
    concerns: async (change) => everyOrder || (await ownerOf(db, change.orderId)) === user.id,
    newestAfter: (version) =>
      newestEvent(db, {
        id: { gt: version },
        ...(everyOrder ? {} : { order: { trip: { host: { userId: user.id } } } }),
      }),
  };
}

// The user owning an order's trip, looked up once per order and process however many hosts listen (an order
// never moves to another trip, nor a trip to another host). Bounded: the oldest entries go first.
const owners = new WeakMap<Db, Map<string, Promise<string | null>>>();
const maxOwners = 10_000;

function ownerOf(db: Db, orderId: string): Promise<string | null> {
  const cache = owners.get(db) ?? new Map<string, Promise<string | null>>();
  owners.set(db, cache);
  const known = cache.get(orderId);
  if (known) return known;
  const lookup = db.order
    .findUnique({
      where: { id: orderId },
      select: { trip: { select: { host: { select: { userId: true } } } } },
    })
    .then((order) => order?.trip.host.userId ?? null);
  // A failed lookup is not remembered.
  lookup.catch(() => cache.delete(orderId));
  if (cache.size >= maxOwners) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(orderId, lookup);
  return lookup;
}
