// A trip's products. Stock is edited as "units still available to order" (products.stock_available), the
// number placement reserves from; units already held by orders live on their order_items and are never
// touched here, so an edit can neither make reserved units vanish nor conjure new ones.
import type { Db } from "@nitip/db";
import { DomainError } from "../errors.ts";
import { loadOwnedTrip, tripsOf, type WorkspaceActor } from "../hosts/access.ts";
import { isUuid } from "../ids.ts";
import { limits } from "../limits.ts";
import { writeProductStock } from "../orders/stock.ts";

export interface ProductDetails {
  name: string;
  description?: string | null;
  /** Integer rupiah. */
  price: number;
  maxPerOrder?: number | null;
  /** An https URL of a photo. */
  imageUrl?: string | null;
}

const maxStock = limits.stock.max;

function bad(field: string, message: string): DomainError {
  return new DomainError("BAD_INPUT", message, { field });
}

function checkDetails(input: ProductDetails) {
  const name = input.name.trim();
  const { productName: n, price: p, maxPerOrder: m } = limits;
  if (name.length < n.min || name.length > n.max) {
    throw bad("name", `The product name is ${n.min} to ${n.max} characters.`);
  }
  const description = input.description?.trim() || null;
  if (description && description.length > limits.description.max)
    throw bad("description", "Keep the description under 1,000 characters.");
  if (!Number.isInteger(input.price) || input.price < p.min || input.price > p.max) {
    throw bad(
      "price",
      `The price is whole rupiah from ${p.min.toLocaleString("en")} to ${p.max.toLocaleString("en")}.`,
    );
  }
  const maxPerOrder = input.maxPerOrder ?? null;
  if (
    maxPerOrder !== null &&
    (!Number.isInteger(maxPerOrder) || maxPerOrder < m.min || maxPerOrder > m.max)
  ) {
    throw bad("maxPerOrder", `The limit per order is ${m.min} to ${m.max} units, or empty for no limit.`);
  }
  const imageUrl = input.imageUrl?.trim() || null;
  if (imageUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(imageUrl);
    } catch {}
    if (url?.protocol !== "https:" || imageUrl.length > limits.imageUrl.max) {
      throw bad("imageUrl", "The photo link must be an https:// address (up to 500 characters).");
    }
  }
  return { name, description, price: input.price, maxPerOrder, imageUrl };
}

function checkStock(stock: number | null, field = "stockAvailable"): number | null {
  if (stock !== null && (!Number.isInteger(stock) || stock < 0 || stock > maxStock)) {
    throw bad(field, `Available units are 0 to ${maxStock.toLocaleString("en")}, or unlimited.`);
  }
  return stock;
}

async function assertTripTakesChanges(db: Db, actor: WorkspaceActor, tripId: string) {
  const trip = await loadOwnedTrip(db, actor, tripId);
  if (trip.status === "completed" || trip.status === "cancelled") {
    throw new DomainError(
      "INVALID_TRANSITION",
      `This trip is ${trip.status}; its products can no longer change.`,
    );
  }
  return trip;
}

/** The product if the actor may touch it (and its trip is still running); NOT_FOUND otherwise. */
async function loadOwnedProduct(db: Db, actor: WorkspaceActor, productId: string) {
  const product = isUuid(productId)
    ? await db.product.findFirst({ where: { id: productId, trip: tripsOf(actor) } })
    : null;
  if (!product) throw new DomainError("NOT_FOUND", "No such product among your trips.");
  await assertTripTakesChanges(db, actor, product.tripId);
  return product;
}

export async function addProduct(
  db: Db,
  input: {
    actor: WorkspaceActor;
    tripId: string;
    product: ProductDetails & { stockAvailable: number | null };
  },
) {
  const trip = await assertTripTakesChanges(db, input.actor, input.tripId);
  const details = checkDetails(input.product);
  const stockAvailable = checkStock(input.product.stockAvailable);
  const last = await db.product.aggregate({ where: { tripId: trip.id }, _max: { sortOrder: true } });
  return db.product.create({
    data: { ...details, stockAvailable, tripId: trip.id, sortOrder: (last._max.sortOrder ?? 0) + 1 },
  });
}

/** Name, description, price, limit and photo. Orders already placed keep the price they were placed at. */
export async function updateProductDetails(
  db: Db,
  input: { actor: WorkspaceActor; productId: string; product: ProductDetails },
) {
  const product = await loadOwnedProduct(db, input.actor, input.productId);
  return db.product.update({ where: { id: product.id }, data: checkDetails(input.product) });
}

/**
 * Sets the units still available to order (null: unlimited). `expected` is the value the host was looking
 * at: if a guest reserved or released units meanwhile, the edit is refused with the new figure rather than
 * silently overwriting it (which would sell or hide the units that moved).
 */
export async function setProductStock(
  db: Db,
  input: { actor: WorkspaceActor; productId: string; stockAvailable: number | null; expected: number | null },
) {
  const product = await loadOwnedProduct(db, input.actor, input.productId);
  const stockAvailable = checkStock(input.stockAvailable);
  return db.$transaction(async (tx) => {
    // The row lock orders this edit after any placement in flight on the product, so `expected` is compared
    // with what that placement left.
    const [now] = await tx.$queryRaw<{ stock: number | null }[]>`
      select stock_available as stock from products where id = ${product.id}::uuid for update`;
    if (now?.stock !== input.expected) {
      const shown = (n: number | null | undefined) => (n == null ? "unlimited" : `${n}`);
      throw new DomainError(
        "CONFLICT",
        `Orders changed this product's stock while you were editing: ${shown(now?.stock)} available now (you saw ${shown(input.expected)}). Check the figure and save again.`,
        { field: "stockAvailable", current: now?.stock ?? null },
      );
    }
    // The stock module keeps what open orders hold exact when the product switches limited/unlimited.
    await writeProductStock(tx, product.id, stockAvailable);
    return tx.product.findUniqueOrThrow({ where: { id: product.id } });
  });
}

/** Hidden products disappear from the trip page; orders already holding them are unaffected. */
export async function setProductHidden(
  db: Db,
  input: { actor: WorkspaceActor; productId: string; hidden: boolean },
) {
  const product = await loadOwnedProduct(db, input.actor, input.productId);
  return db.product.update({
    where: { id: product.id },
    data: { status: input.hidden ? "hidden" : "active" },
  });
}
