import type { Db, Tx } from "@nitip/db";
import { DomainError } from "../errors.ts";

/** Statuses whose trip page is public (a closed trip stays viewable and says it is closed). */
const hiddenStatuses = new Set(["draft", "cancelled"]);

/**
 * The public trip page: an open (or closed, still viewable) trip and its visible products, read whole, stock
 * included. Only the columns a guest sees are selected.
 */
export async function getPublicTrip(db: Db | Tx, slug: string) {
  const trip = await db.trip.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      destination: true,
      startsOn: true,
      endsOn: true,
      orderDeadline: true,
      status: true,
      paymentType: true,
      host: {
        select: {
          displayName: true,
          slug: true,
          originCity: true,
          // Guests transfer to these after ordering; the trip page is where they are published.
          bankAccounts: {
            select: { bankName: true, accountNumber: true, accountHolder: true, isPrimary: true },
            orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
          },
        },
      },
      products: {
        where: { status: "active" },
        orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          name: true,
          description: true,
          price: true,
          stockAvailable: true,
          maxPerOrder: true,
          imageUrl: true,
        },
      },
    },
  });
  if (!trip || hiddenStatuses.has(trip.status)) {
    throw new DomainError("NOT_FOUND", `No open trip is published at /t/${slug}.`);
  }
  return trip;
}

/** What changes with every order (stock) or every minute that matters (status, deadline), read per request. */
export interface PublicTripLive {
  status: string;
  orderDeadline: Date;
  /** product id -> units left (null: unlimited), for the trip's visible products. */
  stock: Map<string, number | null>;
  /**
   * A digest of everything else the page shows (trip texts and dates, host, bank accounts, the visible
   * products' ids, texts, prices, limits and order): equal digests, equal content. Stock, status and the
   * deadline are left out, so an order does not change it. A column the page starts showing must join the
   * digest (and test/public-trip.test.ts's list of edits), or the page would keep showing its old value.
   */
  contentVersion: string;
}

/**
 * One indexed statement: the live figures of the trip at `slug` and the digest of the rest, or null when no
 * public trip is there. Cheap enough for every request (two index scans over the trip's products, no row
 * mapping); the page keeps the rest in memory under the digest.
 */
export async function getPublicTripLive(db: Db | Tx, slug: string): Promise<PublicTripLive | null> {
  const [row] = await db.$queryRaw<
    { status: string; orderDeadline: Date; contentVersion: string; stock: [string, number | null][] | null }[]
  >`
    SELECT t.status::text AS "status", t.order_deadline AS "orderDeadline",
      md5(row(t.title, t.destination, t.starts_on, t.ends_on, t.payment_type, h.display_name, h.slug,
        h.origin_city,
        (SELECT array_agg(row(b.bank_name, b.account_number, b.account_holder, b.is_primary)
           ORDER BY b.is_primary DESC, b.created_at) FROM bank_accounts b WHERE b.host_id = h.id),
        (SELECT array_agg(row(p.id, p.name, p.description, p.price, p.max_per_order, p.image_url)
           ORDER BY p.sort_order, p.created_at) FROM products p WHERE p.trip_id = t.id AND p.status = 'active')
      )::text) AS "contentVersion",
      (SELECT json_agg(json_build_array(p.id, p.stock_available)) FROM products p
        WHERE p.trip_id = t.id AND p.status = 'active') AS "stock"
    FROM trips t JOIN host_profiles h ON h.id = t.host_id
    WHERE t.slug = ${slug}`;
  if (!row || hiddenStatuses.has(row.status)) return null;
  return {
    status: row.status,
    orderDeadline: row.orderDeadline,
    stock: new Map(row.stock ?? []),
    contentVersion: row.contentVersion,
  };
}

/**
 * The whole trip and the digest of its content, from one snapshot (a repeatable-read transaction), so a
 * cache keyed by the digest never holds content of another version.
 */
export async function getPublicTripVersioned(db: Db, slug: string) {
  return db.$transaction(
    async (tx) => {
      const live = await getPublicTripLive(tx, slug);
      const trip = await getPublicTrip(tx, slug);
      if (!live) throw new DomainError("NOT_FOUND", `No open trip is published at /t/${slug}.`);
      return { trip, contentVersion: live.contentVersion };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
