// The host workspace through the real router and route handlers: a host onboards, runs a trip and its
// products, sees the order in the inbox, views the proof and exports the CSV; host B sees none of it.
import { randomUUID } from "node:crypto";
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
import { proofResponse, tripCsvResponse } from "../src/server/host/files";
import { uploadProofOverHttp } from "./helpers";

const db = useTestDatabase();
let storage: ReturnType<typeof createLocalProofStorage>;
let hostA: SessionUser;
let hostB: SessionUser;
let admin: SessionUser;
let tripId = "";
let productId = "";
let orderId = "";
let paymentId = "";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const callerAs = (user: SessionUser | null = null) =>
  createCaller(createTRPCContext({ db: db.prisma, user, storage }));

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function user(role: "host" | "admin"): Promise<SessionUser> {
  const row = await db.prisma.user.create({ data: { email: `${randomUUID()}@example.test`, role } });
  return { id: row.id, role };
}

const profile = (slug: string) => ({
  displayName: "Ayu Jastip",
  slug,
  whatsappNumber: "0812 3456 7890",
  originCity: "Bandung",
  bankAccounts: [{ bankName: "BCA", accountNumber: "1234567890", accountHolder: "Ayu" }],
});

beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-host-ws-")) });
  hostA = await user("host");
  hostB = await user("host");
  admin = await user("admin");
});

describe("onboarding", () => {
  it("answers a malformed slug with the field, a taken slug with CONFLICT, and saves a good profile", async () => {
    const a = callerAs(hostA);
    expect(await a.hostProfile.get()).toBeNull();
    const malformed = await rejection(a.hostProfile.save(profile("Ayu Jastip!")));
    expect(malformed.code).toBe("BAD_REQUEST");
    // A NUL or control character would reach PostgreSQL as a 500; it is refused as bad input instead.
    const hostile = await rejection(
      a.hostProfile.save({ ...profile("ayu-jastip"), displayName: "Ayu\u0000" }),
    );
    expect(hostile.code).toBe("BAD_REQUEST");
    expect(hostile.message).toContain("Display name contains control characters");
    const saved = await a.hostProfile.save(profile("ayu-jastip"));
    expect(saved).toMatchObject({ slug: "ayu-jastip", whatsappNumber: "+6281234567890" });
    const taken = await rejection(callerAs(hostB).hostProfile.save(profile("ayu-jastip")));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.message).toBe('The link "ayu-jastip" is already taken; choose another.');
    await callerAs(hostB).hostProfile.save(profile("bima-titip"));
    expect((await rejection(callerAs(null).hostProfile.get())).code).toBe("UNAUTHORIZED");
  });
});

describe("trips, products and the inbox", () => {
  it("a host creates, stocks and opens a trip; a guest's order reaches the inbox with its proof", async () => {
    const a = callerAs(hostA);
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    const trip = await a.hostTrip.create({
      title: "Jastip Tokyo",
      destination: "Tokyo",
      startsOn: "2030-12-01",
      endsOn: "2030-12-10",
      orderDeadline: deadline.toISOString(),
      paymentType: "dp",
      dpPercent: 30,
    });
    tripId = trip.id;
    const product = await a.hostProduct.add({
      tripId,
      product: { name: "Tokyo Banana", price: 100_000, stockAvailable: 5, maxPerOrder: 2, imageUrl: "" },
    });
    productId = product.id;
    await a.hostProduct.add({
      tripId,
      product: { name: "Kit Kat Matcha", price: 60_000, stockAvailable: null },
    });
    expect((await a.hostTrip.move({ tripId, action: "publish" })).status).toBe("open");

    const placed = await callerAs().order.place({
      tripId,
      idempotencyKey: randomUUID(),
      guest: { name: "Sari", phone: "0812-1111-2222", shippingAddress: "Jl. Merdeka 1, Bandung" },
      items: [{ productId, quantity: 2 }],
    });
    orderId = placed.order.id;
    // The guest's browser opened the order's link (the landing's cookie), then uploads the DP proof.
    const landed = await landOnOrderLink({
      db: db.prisma,
      token: placed.token,
      headers: new Headers(),
      appBaseUrl: "http://localhost:3000",
    });
    const cookie = landed.headers.get("set-cookie")?.split(";")[0] ?? "";
    const uploaded = await uploadProofOverHttp({
      db: db.prisma,
      storage,
      cookie,
      orderCode: placed.order.code,
      file: png,
    });
    expect(uploaded.status).toBe(201);

    const inbox = await a.hostInbox.list({ tripId });
    expect(inbox.orders.map((o) => [o.id, o.status])).toEqual([[orderId, "awaiting_validation"]]);
    expect(inbox.orders[0]?.msUntilAutoReject).toBeGreaterThan(0);
    paymentId = inbox.orders[0]?.payments[0]?.id ?? "";
    expect(await a.hostInbox.counts({})).toMatchObject({ total: 1, needsValidation: 1 });
    const [listed] = await a.hostProduct.list({ tripId });
    expect(listed).toMatchObject({ stockAvailable: 3, reservedUnits: 2 });
    await a.hostOrder.acceptPayment({ orderId });
    expect(await a.hostTrip.shoppingList({ tripId })).toMatchObject([
      { productName: "Tokyo Banana", units: 2 },
    ]);
    expect((await a.hostTrip.participants({ tripId })).map((g) => g.guestPhone)).toEqual(["+6281211112222"]);
    expect((await callerAs(admin).hostTrip.get({ tripId })).orderCounts).toEqual({
      awaiting_final_payment: 1,
    });
  });

  it("gives host B NOT_FOUND for every one of host A's trips and products, and changes nothing", async () => {
    const b = callerAs(hostB);
    const tripInput = {
      title: "Taken over",
      destination: "Tokyo",
      startsOn: "2030-12-01",
      endsOn: "2030-12-10",
      orderDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      paymentType: "full" as const,
    };
    const attempts: (() => Promise<unknown>)[] = [
      () => b.hostTrip.get({ tripId }),
      () => b.hostTrip.update({ tripId, trip: tripInput }),
      () => b.hostTrip.move({ tripId, action: "close" }),
      () => b.hostTrip.participants({ tripId }),
      () => b.hostTrip.shoppingList({ tripId }),
      () => b.hostProduct.list({ tripId }),
      () => b.hostProduct.add({ tripId, product: { name: "Sneaky", price: 1_000, stockAvailable: 1 } }),
      () => b.hostProduct.update({ productId, product: { name: "Sneaky", price: 1_000 } }),
      () => b.hostProduct.setStock({ productId, expected: 3, stockAvailable: 0 }),
      () => b.hostProduct.setHidden({ productId, hidden: true }),
      () => b.hostOrder.get({ orderId }),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toMatch(/^No such (trip|product|order) among your trips\.$/);
    }
    expect((await b.hostInbox.list({ tripId })).orders).toEqual([]);
    expect((await b.hostInbox.counts({})).total).toBe(0);
    expect(await b.hostTrip.list()).toEqual([]);
    const trip = await db.prisma.trip.findUniqueOrThrow({
      where: { id: tripId },
      include: { products: true },
    });
    expect(trip.status).toBe("open");
    expect(trip.products.map((p) => [p.name, p.status, p.stockAvailable])).toEqual([
      ["Tokyo Banana", "active", 3],
      ["Kit Kat Matcha", "active", null],
    ]);
  });
});

describe("the proof route", () => {
  it("serves the proof inline to the trip's host and admins only, never cached", async () => {
    const asA = await proofResponse({ db: db.prisma, storage, user: hostA }, paymentId);
    expect(asA.status).toBe(200);
    expect(Object.fromEntries(asA.headers)).toMatchObject({
      "content-type": "image/png",
      "content-disposition": `inline; filename="proof-${paymentId}.png"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    });
    expect(Buffer.from(await asA.arrayBuffer()).equals(png)).toBe(true);
    expect((await proofResponse({ db: db.prisma, storage, user: admin }, paymentId)).status).toBe(200);

    const asB = await proofResponse({ db: db.prisma, storage, user: hostB }, paymentId);
    const missing = await proofResponse({ db: db.prisma, storage, user: hostB }, randomUUID());
    expect([asB.status, missing.status]).toEqual([404, 404]);
    expect(await asB.json()).toEqual(await missing.json()); // nothing tells a foreign proof from a missing one
    expect((await proofResponse({ db: db.prisma, storage, user: hostA }, "../../etc/passwd")).status).toBe(
      404,
    );
    expect((await proofResponse({ db: db.prisma, storage, user: null }, paymentId)).status).toBe(401);
  });
});

describe("the CSV route", () => {
  it("downloads the trip's orders for its host; host B gets 404 and a signed-out visitor 401", async () => {
    const csv = await tripCsvResponse({ db: db.prisma, user: hostA }, tripId);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="nitip-jastip-tokyo-[0-9a-f]{4}-orders\.csv"$/,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[1]).toMatch(
      /,awaiting_final_payment,.*,Sari,'\+6281211112222,.*,Tokyo Banana,100000,2,200000,200000,60000,/,
    );
    expect((await tripCsvResponse({ db: db.prisma, user: hostB }, tripId)).status).toBe(404);
    expect((await tripCsvResponse({ db: db.prisma, user: null }, tripId)).status).toBe(401);
  });
});
