// Fits a cart to the trip as it is now: lowers quantities to what may be ordered, drops products that are
// gone or sold out, and takes the current price. Returns what changed so checkout can say so by name.
import type { Cart } from "./cart";
import { maxQuantity } from "./limits";

interface TripProducts {
  products: {
    id: string;
    name: string;
    price: number;
    stockAvailable: number | null;
    maxPerOrder: number | null;
  }[];
}

export interface Reconciled {
  cart: Cart;
  /** Products whose quantity was lowered or which were removed. */
  stockChanged: string[];
  priceChanged: string[];
}

export function reconcileCart(cart: Cart, trip: TripProducts): Reconciled {
  const next: Cart = {};
  const stockChanged: string[] = [];
  const priceChanged: string[] = [];
  for (const line of Object.values(cart)) {
    const product = trip.products.find((p) => p.id === line.productId);
    if (!product) {
      stockChanged.push(line.name);
      continue;
    }
    const quantity = Math.min(line.quantity, maxQuantity(product));
    if (quantity < line.quantity) stockChanged.push(product.name);
    if (product.price !== line.price) priceChanged.push(product.name);
    if (quantity > 0) next[line.productId] = { ...line, name: product.name, quantity, price: product.price };
  }
  return { cart: next, stockChanged, priceChanged };
}
