// The tRPC `order.place` call as the browser sends it: POST /api/trpc/order.place with a superjson body.
// One place to change if the procedure's input changes.
import { randomUUID } from "node:crypto";
import { guestPhone } from "./fixtures.ts";

export const placeOrderPath = "/api/trpc/order.place";

// Every request of a run is a distinct guest: a phone may hold only a few unpaid orders per trip, and the
// placement rate limit counts per phone.
let guests = 0;

export function placeOrderBody(trip: { slug: string }, productId: string, quantity = 1): string {
  const n = guests++;
  return JSON.stringify({
    json: {
      tripSlug: trip.slug,
      idempotencyKey: randomUUID(),
      guest: {
        name: `Bench Guest ${n}`,
        phone: guestPhone(n),
        shippingAddress: "Jl. Sudirman No. 1, Jakarta Pusat 10220",
      },
      items: [{ productId, quantity }],
    },
  });
}

export interface PlaceOrderOutcome {
  ok: boolean;
  /** The DomainError code (SOLD_OUT, ...) or tRPC code of a failed call. */
  code: string | null;
  message: string | null;
}

/** Reads a tRPC answer: `{ result: { data } }` or `{ error: { json: { message, data: { code, domainCode } } } }`. */
export function parsePlaceOrderAnswer(status: number, text: string): PlaceOrderOutcome {
  try {
    const body = JSON.parse(text) as {
      result?: unknown;
      error?: { json?: { message?: string; data?: { code?: string; domainCode?: string | null } } };
    };
    if (status === 200 && body.result) return { ok: true, code: null, message: null };
    const error = body.error?.json;
    return {
      ok: false,
      code: error?.data?.domainCode ?? error?.data?.code ?? `HTTP ${status}`,
      message: error?.message ?? null,
    };
  } catch {
    return { ok: false, code: `HTTP ${status}`, message: text.slice(0, 200) };
  }
}
