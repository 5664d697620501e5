"use client";

// The guest's cart for one trip, in localStorage (kept across reloads and shared by tabs), read with
// useSyncExternalStore so every island on the page sees the same cart without a context provider.
import { useSyncExternalStore } from "react";

export interface CartLine {
  productId: string;
  /** Kept so checkout can name a product that has since left the trip. */
  name: string;
  quantity: number;
  /** The price the guest saw when adding, so a later change can be pointed out before ordering. */
  price: number;
}
export type Cart = Record<string, CartLine>;

const empty: Cart = {};
const listeners = new Set<() => void>();
const parsed = new Map<string, { raw: string | null; cart: Cart }>();

const storageKey = (slug: string) => `nitip:cart:${slug}`;

export function readCart(slug: string): Cart {
  const raw = typeof window === "undefined" ? null : window.localStorage.getItem(storageKey(slug));
  const cached = parsed.get(slug);
  if (cached && cached.raw === raw) return cached.cart;
  let cart = empty;
  try {
    cart = raw ? (JSON.parse(raw) as Cart) : empty;
  } catch {
    cart = empty; // a damaged entry is an empty cart, not a broken page
  }
  parsed.set(slug, { raw, cart });
  return cart;
}

export function writeCart(slug: string, cart: Cart): void {
  const lines = Object.values(cart).filter((line) => line.quantity > 0);
  if (lines.length === 0) window.localStorage.removeItem(storageKey(slug));
  else
    window.localStorage.setItem(
      storageKey(slug),
      JSON.stringify(Object.fromEntries(lines.map((l) => [l.productId, l]))),
    );
  for (const listener of listeners) listener();
}

export function setQuantity(slug: string, product: Omit<CartLine, "quantity">, quantity: number): void {
  writeCart(slug, { ...readCart(slug), [product.productId]: { ...product, quantity } });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The cart; empty during the server render and hydration, then what this browser stored. */
export function useCart(slug: string): Cart {
  return useSyncExternalStore(
    subscribe,
    () => readCart(slug),
    () => empty,
  );
}

export function cartLines(cart: Cart): CartLine[] {
  return Object.values(cart).filter((line) => line.quantity > 0);
}
