"use client";

// One idempotency key per checkout attempt: the same cart keeps its key across double taps, reloads and
// retries after a dropped connection (so the server returns the first order instead of placing a second);
// a changed cart or a placed order starts a new attempt.
import type { CartLine } from "../cart";

const storageKey = (slug: string) => `nitip:checkout-key:${slug}`;

function signature(lines: CartLine[]): string {
  return lines
    .map((line) => `${line.productId}x${line.quantity}`)
    .sort()
    .join(",");
}

export function checkoutKey(slug: string, lines: CartLine[]): string {
  const cart = signature(lines);
  try {
    const stored = JSON.parse(window.localStorage.getItem(storageKey(slug)) ?? "null") as {
      key: string;
      cart: string;
    } | null;
    if (stored?.cart === cart) return stored.key;
  } catch {
    // a damaged entry: start a new attempt
  }
  const key = crypto.randomUUID();
  window.localStorage.setItem(storageKey(slug), JSON.stringify({ key, cart }));
  return key;
}

export function endCheckoutAttempt(slug: string): void {
  window.localStorage.removeItem(storageKey(slug));
}
