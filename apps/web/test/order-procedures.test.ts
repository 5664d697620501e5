// The order engine through the real tRPC router, a real context and a real PostgreSQL database.
import { randomInt, randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalProofStorage } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../src/server/api/root";
import { createTRPCContext, type SessionUser } from "../src/server/api/trpc";
import { landOnOrderLink } from "../src/server/guest-access";
import { proofResponse } from "../src/server/host/files";
import { createPlacementGate } from "../src/server/placement-gate";
import { uploadProofOverHttp } from "./helpers";

const db = useTestDatabase({ max: 20 });
let storage: ReturnType<typeof createLocalProofStorage>;
let host: SessionUser;
let otherHost: SessionUser;
let tripId = "";
let tripSlug = "";
let productId = "";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

function callerAs(user: SessionUser | null = null, headers?: Headers) {
  return createCaller(createTRPCContext({ db: db.prisma, user, headers, storage }));
}

/** The cookie a browser holds after opening these magic links, in this order (as sent back to the app). */
async function cookieAfterOpening(...tokens: string[]): Promise<string> {
  let cookie = "";
  for (const token of tokens) {
    const landed = await landOnOrderLink({
      db: db.prisma,
      token,
      headers: new Headers(cookie ? { cookie } : {}),
      appBaseUrl: "http://localhost:3000",
    });
    cookie = landed.headers.get("set-cookie")?.split(";")[0] ?? cookie;
  }
  return cookie;
}

/** The guest's proof through the multipart upload route, with the browser's cookie. */
async function upload(cookie: string, orderCode: string) {
  const answer = await uploadProofOverHttp({ db: db.prisma, storage, cookie, orderCode, file: png });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
  return answer;
}

/** A guest whose browser opened these links. */
async function browserThatOpened(...tokens: string[]) {
  return callerAs(null, new Headers({ cookie: `theme=dark; ${await cookieAfterOpening(...tokens)}` }));
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function makeHost(tag: string) {
  const user = await db.prisma.user.create({
    data: {
      email: `${tag}@example.test`,
      host: { create: { displayName: tag, slug: `h-${tag}`, whatsappNumber: "+6281298765432" } },
    },
    include: { host: true },
  });
  return { user: { id: user.id, role: "host" as const }, hostId: user.host?.id ?? "" };
}

/** A different number per order: one number may hold only a few unpaid orders per trip. */
function anyPhone() {
  return `+62 812${randomInt(10_000_000, 100_000_000)}`;
}

function placeInput(overrides: { quantity?: number; key?: string } = {}) {
  return {
    tripSlug,
    idempotencyKey: overrides.key ?? randomUUID(),
    guest: { name: "Budi", phone: anyPhone(), shippingAddress: "Jl. Asia Afrika 8, Bandung" },
    items: [{ productId, quantity: overrides.quantity ?? 1 }],
  };
}

beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-web-proofs-")) });
  const a = await makeHost("ayu");
  const b = await makeHost("bima");
  host = a.user;
  otherHost = b.user;
  const trip = await db.prisma.trip.create({
    data: {
      hostId: a.hostId,
      slug: "seoul-jan",
      title: "Seoul Jan",
      destination: "Seoul",
      startsOn: new Date("2031-01-05"),
      endsOn: new Date("2031-01-12"),
      orderDeadline: new Date(Date.now() + 86_400_000),
      status: "open",
      products: { create: { name: "Cushion", price: 250_000, stockAvailable: 5 } },
    },
    include: { products: true },
  });
  tripId = trip.id;
  tripSlug = trip.slug;
  productId = trip.products[0]?.id ?? "";
  await db.prisma.bankAccount.create({
    data: {
      hostId: a.hostId,
      bankName: "BCA",
      accountNumber: "1234567890",
      accountHolder: "Ayu",
      isPrimary: true,
    },
  });
});

describe("order.place", () => {
  it("places by slug, returns the token once, and replays the same key", async () => {
    const input = placeInput();
    const first = await callerAs().order.place(input);
    expect(first).toMatchObject({
      replayed: false,
      order: { status: "pending_dp", subtotal: 250_000, dpAmount: 50_000 },
    });
    const again = await callerAs().order.place(input);
    expect(again.order.id).toBe(first.order.id);
    expect(again.replayed).toBe(true);
    const mismatch = await rejection(
      callerAs().order.place({ ...input, items: [{ productId, quantity: 2 }] }),
    );
    expect(mismatch.code).toBe("UNPROCESSABLE_CONTENT");
    expect(mismatch.message).toContain("already used for a different order");
  });

  it("maps sold out and bad phone numbers to answers a person can act on", async () => {
    const soldOut = await rejection(callerAs().order.place(placeInput({ quantity: 50 })));
    expect(soldOut.code).toBe("CONFLICT");
    expect(soldOut.message).toMatch(/Only \d+ of "Cushion" left/);
    const badPhone = await rejection(
      callerAs().order.place({ ...placeInput(), guest: { ...placeInput().guest, phone: "0000000" } }),
    );
    expect(badPhone.code).toBe("BAD_REQUEST");
    expect(badPhone.message).toContain("not a valid WhatsApp number");
  });
});

describe("order.place in a rush", () => {
  it("40 buyers at once for 8 units through a 4-slot gate: exactly 8 orders, the rest SOLD_OUT, stock 0", async () => {
    const product = await db.prisma.product.create({
      data: { tripId, name: "Limited Tint", price: 90_000, stockAvailable: 8 },
    });
    const gate = createPlacementGate(4);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        createCaller(createTRPCContext({ db: db.prisma, storage, placementGate: gate })).order.place({
          ...placeInput(),
          guest: { name: `Rush ${i}`, phone: anyPhone(), shippingAddress: "Jl. Braga 1, Bandung" },
          items: [{ productId: product.id, quantity: 1 }],
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
    expect(refused).toHaveLength(32);
    for (const error of refused) expect(error.message).toBe('"Limited Tint" is sold out.');
    const after = await db.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.stockAvailable).toBe(0);
    expect(await db.prisma.orderItem.count({ where: { productId: product.id } })).toBe(8);
  });
});

describe("guest order procedures", () => {
  it("a browser reaches only the orders it opened; naming another order's code or id does nothing", async () => {
    const a = await callerAs().order.place(placeInput());
    const b = await callerAs().order.place(placeInput());
    const asA = await browserThatOpened(a.token);
    const viewA = await asA.guestOrder.get({ orderCode: a.order.code });
    expect(viewA.id).toBe(a.order.id);
    expect(viewA.trip.host.bankAccounts[0]?.bankName).toBe("BCA");
    // Smuggling B's id in does nothing, and B's code is refused: the order comes from the cookie only.
    const smuggled = await asA.guestOrder.get({ orderCode: a.order.code, orderId: b.order.id } as {
      orderCode: string;
    });
    expect(smuggled.id).toBe(a.order.id);
    const other = await rejection(asA.guestOrder.cancel({ orderCode: b.order.code }));
    expect(other.code).toBe("UNAUTHORIZED");
    await asA.guestOrder.cancel({ orderCode: a.order.code, orderId: b.order.id } as { orderCode: string });
    const [rowA, rowB] = await Promise.all(
      [a, b].map((o) => db.prisma.order.findUniqueOrThrow({ where: { id: o.order.id } })),
    );
    expect(rowA?.status).toBe("cancelled");
    expect(rowB?.status).toBe("pending_dp");
    const none = await rejection(callerAs().guestOrder.get({ orderCode: a.order.code }));
    expect(none).toMatchObject({ code: "UNAUTHORIZED", message: other.message });
    // The link itself is no cookie: a browser presenting the raw token gets nowhere.
    const rawToken = callerAs(null, new Headers({ cookie: `nitip_orders=${a.token}` }));
    expect((await rejection(rawToken.guestOrder.get({ orderCode: a.order.code }))).message).toBe(
      other.message,
    );
  });

  it("reads the browser's credential from the httpOnly cookie and takes a DP proof once", async () => {
    const placed = await callerAs().order.place(placeInput());
    const cookie = await cookieAfterOpening(placed.token);
    const guest = callerAs(null, new Headers({ cookie }));
    const orderCode = placed.order.code;
    const uploaded = await upload(cookie, orderCode);
    expect(uploaded).toMatchObject({ status: 201, body: { status: "awaiting_validation" } });
    const again = await upload(cookie, orderCode);
    expect(again.status).toBe(409);
    const view = await guest.guestOrder.get({ orderCode });
    expect(view.payments).toEqual([
      expect.objectContaining({ kind: "dp", status: "submitted", amount: 50_000 }),
    ]);
    expect(view.guestCan).toEqual({
      cancel: false,
      refundIfCancelled: 0,
      proof: null,
      confirmDelivery: false,
    });
    expect(JSON.stringify(view)).not.toContain("proofs/");
  });
});

describe("host order procedures", () => {
  it("run the whole life of an order, and refuse another host's hands", async () => {
    const placed = await callerAs().order.place(placeInput());
    const cookie = await cookieAfterOpening(placed.token);
    const guest = callerAs(null, new Headers({ cookie }));
    const orderCode = placed.order.code;
    await upload(cookie, orderCode);
    const orderId = placed.order.id;

    const intruder = callerAs(otherHost);
    expect((await rejection(intruder.hostOrder.acceptPayment({ orderId }))).code).toBe("NOT_FOUND");
    expect((await intruder.hostInbox.list({})).orders).toEqual([]);
    expect((await rejection(callerAs().hostInbox.list({}))).code).toBe("UNAUTHORIZED");

    const owner = callerAs(host);
    const inbox = await owner.hostInbox.list({ statuses: ["awaiting_validation"], tripId });
    expect(inbox.orders.map((o) => o.id)).toContain(orderId);
    const paymentId = inbox.orders.find((o) => o.id === orderId)?.payments[0]?.id ?? "";
    const proof = await proofResponse({ db: db.prisma, storage, user: host }, paymentId);
    expect(proof.headers.get("content-type")).toBe("image/png");
    expect((await proofResponse({ db: db.prisma, storage, user: otherHost }, paymentId)).status).toBe(404);

    await owner.hostOrder.acceptPayment({ orderId });
    const invoice = await owner.hostOrder.issueFinalInvoice({ orderId, shippingFee: 20_000 });
    expect(invoice.finalAmount).toBe(250_000 + 20_000 - 50_000);
    expect((await guest.guestOrder.get({ orderCode })).guestCan.proof).toBe("final");
    expect((await upload(cookie, orderCode)).body.status).toBe("awaiting_final_validation");
    await owner.hostOrder.rejectPayment({ orderId, reason: "Amount is short by Rp 1.000" });
    expect((await upload(cookie, orderCode)).body.status).toBe("awaiting_final_validation");
    await owner.hostOrder.acceptPayment({ orderId });
    await owner.hostOrder.ship({ orderId, courier: "JNE", trackingNumber: "JNE0001" });
    await guest.guestOrder.confirmDelivery({ orderCode });
    const detail = await owner.hostOrder.get({ orderId });
    expect(detail.status).toBe("delivered");
    expect(detail.events.map((e) => e.toStatus)).toEqual([
      "pending_dp",
      "awaiting_validation",
      "awaiting_final_payment",
      "awaiting_final_payment",
      "awaiting_final_validation",
      "awaiting_final_payment",
      "awaiting_final_validation",
      "paid",
      "shipped",
      "delivered",
    ]);
    const cancelLate = await rejection(owner.hostOrder.cancel({ orderId, reason: "too late" }));
    expect(cancelLate.code).toBe("CONFLICT");
    expect(cancelLate.message).toContain("delivered cannot be cancelled");
  });

  it("cancel a paid order with a reason and record the refund with its proof", async () => {
    const placed = await callerAs().order.place(placeInput());
    await upload(await cookieAfterOpening(placed.token), placed.order.code);
    const owner = callerAs(host);
    const orderId = placed.order.id;
    await owner.hostOrder.acceptPayment({ orderId });
    const cancelled = await owner.hostOrder.cancel({ orderId, reason: "Sold out in the store" });
    expect(cancelled.refundOwed).toBe(50_000);
    const refunded = await owner.hostOrder.recordRefund({ orderId, proofBase64: png.toString("base64") });
    expect(refunded).toMatchObject({ status: "refunded", refunded: 50_000 });
  });
});
