// Shared fixtures for the web tests: a host with an open trip and one product, and tRPC over HTTP.
import { randomInt, randomUUID } from "node:crypto";
import type { ProofStorage } from "@nitip/core";
import type { Db } from "@nitip/db";
import { handleTrpcRequest } from "../src/server/api/http";
import type { TRPCContext } from "../src/server/api/trpc";
import { guestCookieFor } from "../src/server/guest-access";
import { uploadGuestProof } from "../src/server/guest-proof-upload";
import type { RateLimits } from "../src/server/rate-limit";

export async function createOpenTrip(db: Db, tag: string, stock: number | null = null) {
  const user = await db.user.create({
    data: {
      email: `${tag}@example.test`,
      host: { create: { displayName: tag, slug: `h-${tag}`, whatsappNumber: "+6281298765432" } },
    },
    include: { host: true },
  });
  const trip = await db.trip.create({
    data: {
      hostId: user.host?.id ?? "",
      slug: `trip-${tag}`,
      title: `Trip ${tag}`,
      destination: "Seoul",
      startsOn: new Date("2031-01-05"),
      endsOn: new Date("2031-01-12"),
      orderDeadline: new Date(Date.now() + 86_400_000),
      status: "open",
      products: { create: { name: "Cushion", price: 250_000, stockAvailable: stock } },
    },
    include: { products: true },
  });
  return { userId: user.id, tripId: trip.id, tripSlug: trip.slug, productId: trip.products[0]?.id ?? "" };
}

export function placeInput(
  trip: { tripSlug: string; productId: string },
  guest: Record<string, unknown> = {},
) {
  return {
    tripSlug: trip.tripSlug,
    idempotencyKey: randomUUID(),
    guest: {
      name: "Budi",
      // A fresh number per order: one number may hold only a few unpaid orders per trip.
      phone: `+62 812-${randomInt(1000, 10000)}-${randomInt(1000, 10000)}`,
      shippingAddress: "Jl. Asia Afrika 8, Bandung",
      ...guest,
    },
    items: [{ productId: trip.productId, quantity: 1 }],
  };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: Record<string, unknown> } };
  };
}

/** One tRPC call over HTTP through the production handler; `headers` as a browser or proxy would send. */
export async function callOverHttp(
  context: () => TRPCContext,
  path: string,
  input: unknown,
  options: { method?: "GET" | "POST"; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const method = options.method ?? "POST";
  const body = JSON.stringify({ json: input });
  const url =
    method === "GET"
      ? `http://localhost/api/trpc/${path}?input=${encodeURIComponent(body)}`
      : `http://localhost/api/trpc/${path}`;
  const req = new Request(url, {
    method,
    headers: { "content-type": "application/json", ...options.headers },
    body: method === "POST" ? body : undefined,
  });
  const response = await handleTrpcRequest(req, context);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as HttpAnswer["body"],
  };
}

/** A guest's proof sent as a browser would, multipart with the field `file`, through the upload route's code. */
export async function uploadProofOverHttp(input: {
  db: Db;
  storage: ProofStorage;
  cookie: string;
  orderCode: string;
  file: Uint8Array | Buffer;
  fileName?: string;
  rateLimits?: RateLimits;
}): Promise<{ status: number; body: { status?: string; paymentId?: string; error?: { message: string } } }> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(input.file)]), input.fileName ?? "bukti.png");
  const request = new Request(`http://localhost/api/orders/${input.orderCode}/proofs`, {
    method: "POST",
    headers: input.cookie ? { cookie: input.cookie } : {},
    body: form,
  });
  const response = await uploadGuestProof({
    db: input.db,
    storage: input.storage,
    request,
    orderCode: input.orderCode,
    guestCookie: guestCookieFor("http://localhost:3000"),
    rateLimits: input.rateLimits,
  });
  return { status: response.status, body: await response.json() };
}
