// The authorization matrix: every tRPC procedure, called by each kind of caller through real contexts (a
// signed-in session cookie for hosts and the admin, the cookie the magic-link landing sets for guests) on a real database.
// The router is enumerated, so a procedure added without a row here fails the first test.
//
// Adding a procedure: add one row to `matrix` below, keyed by its path. For each caller say what must happen
// when the input points at host A's objects (order A, trip A...):
//   "ok"       the call succeeds;
//   "allowed"  authorization lets it through: it succeeds, or fails for a business reason (CONFLICT when
//              the order is not in the right state, BAD_REQUEST...), never UNAUTHORIZED/FORBIDDEN/NOT_FOUND;
//   a code     it is refused with exactly that code (another host's object is NOT_FOUND, as if missing).
import { randomInt, randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalProofStorage } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../src/server/api/root";
import { createTRPCContext } from "../src/server/api/trpc";
import { landOnOrderLink } from "../src/server/guest-access";
import { uploadProofOverHttp } from "./helpers";

const db = useTestDatabase({ max: 10 });

const actors = ["anonymous", "guestA", "guestB", "hostA", "hostB", "admin"] as const;
type ActorName = (typeof actors)[number];
type Denial = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
type Outcome = "ok" | "allowed" | Denial;

interface Fixtures {
  tripA: { id: string; slug: string };
  productA: { id: string };
  orderA: { id: string; code: string };
  orderB: { id: string; code: string };
  /** Order A's down-payment proof. */
  paymentA: { id: string };
}

interface Row {
  input: (f: Fixtures) => unknown;
  expect: Record<ActorName, Outcome>;
  /** Extra checks on a successful result, e.g. that a guest got their own order and not the other one. */
  check?: (result: unknown, actor: ActorName, f: Fixtures) => void;
}

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
).toString("base64");

// Shorthands for the common shapes of a row.
const everyone: Record<ActorName, Outcome> = {
  anonymous: "ok",
  guestA: "ok",
  guestB: "ok",
  hostA: "ok",
  hostB: "ok",
  admin: "ok",
};
/** Host A's own object: host A and the admin may, host B sees nothing, the rest must sign in. */
const ownerOrAdmin = (allowed: "ok" | "allowed"): Record<ActorName, Outcome> => ({
  anonymous: "UNAUTHORIZED",
  guestA: "UNAUTHORIZED",
  guestB: "UNAUTHORIZED",
  hostA: allowed,
  hostB: "NOT_FOUND",
  admin: allowed,
});
/**
 * Order A by its code: only the browser that opened order A's link (its cookie holds a credential for A)
 * may; guest B's browser and signed-in users hold none for it.
 */
const guestsOnly = (allowed: "ok" | "allowed"): Record<ActorName, Outcome> => ({
  anonymous: "UNAUTHORIZED",
  guestA: allowed,
  guestB: "UNAUTHORIZED",
  hostA: "UNAUTHORIZED",
  hostB: "UNAUTHORIZED",
  admin: "UNAUTHORIZED",
});

/** The job dashboard: the admin only; a signed-in host is FORBIDDEN, everyone else must sign in. */
const adminOnly = (allowed: "ok" | "allowed"): Record<ActorName, Outcome> => ({
  anonymous: "UNAUTHORIZED",
  guestA: "UNAUTHORIZED",
  guestB: "UNAUTHORIZED",
  hostA: "FORBIDDEN",
  hostB: "FORBIDDEN",
  admin: allowed,
});

/** Any signed-in user acting on their own account. */
const signedIn = (allowed: "ok" | "allowed"): Record<ActorName, Outcome> => ({
  anonymous: "UNAUTHORIZED",
  guestA: "UNAUTHORIZED",
  guestB: "UNAUTHORIZED",
  hostA: allowed,
  hostB: allowed,
  admin: allowed,
});

/** Host B may ask, but sees nothing of host A's. */
function onlyOwnerSees(result: unknown, actor: ActorName, f: Fixtures) {
  const text = JSON.stringify(result);
  if (actor === "hostB") expect(text).not.toContain(f.orderA.code);
  if (actor === "hostB") expect(text).not.toContain(f.tripA.id);
}

const tripFields = () => ({
  title: "Matrix trip",
  destination: "Seoul",
  startsOn: "2031-01-05",
  endsOn: "2031-01-12",
  orderDeadline: new Date(Date.now() + 86_400_000).toISOString(),
  paymentType: "dp" as const,
});

/** A subscription that was let in: end it (it has not started, so nothing listens yet). */
function closeStream(result: unknown) {
  expect(Symbol.asyncIterator in (result as object)).toBe(true);
  void (result as AsyncGenerator).return(undefined);
}

function ownOrder(result: unknown, _actor: ActorName, f: Fixtures) {
  expect(result).toMatchObject({ code: f.orderA.code });
}

/** The orders a browser opened: guest A's and guest B's their own only, everyone else none. */
function ownOrders(result: unknown, actor: ActorName, f: Fixtures) {
  const held = { guestA: [f.orderA.code], guestB: [f.orderB.code] }[actor as "guestA" | "guestB"] ?? [];
  expect((result as { code: string }[]).map((order) => order.code)).toEqual(held);
}

const matrix: Record<string, Row> = {
  "trip.bySlug": { input: (f) => ({ slug: f.tripA.slug }), expect: everyone },
  "trip.publish": {
    input: (f) => ({ tripId: f.tripA.id }),
    expect: { ...ownerOrAdmin("allowed"), admin: "NOT_FOUND" },
  },
  "order.place": {
    input: (f) => ({
      tripSlug: f.tripA.slug,
      idempotencyKey: randomUUID(),
      // A number per order: one number may hold only a few unpaid orders per trip (platform_config).
      guest: {
        name: "Matrix",
        phone: `+62 812${randomInt(10_000_000, 100_000_000)}`,
        shippingAddress: "Jl. Matriks 1, Bandung",
      },
      items: [{ productId: f.productA.id, quantity: 1 }],
    }),
    expect: everyone,
  },
  "guestOrder.mine": { input: () => undefined, expect: everyone, check: ownOrders },
  // A number that does not match: the same answer as a match, and nothing of order A is revoked.
  "guestOrder.requestNewLink": {
    input: (f) => ({ orderCode: f.orderA.code, phone: "0812 9999 0001" }),
    expect: everyone,
  },
  "guestOrder.get": {
    input: (f) => ({ orderCode: f.orderA.code }),
    expect: guestsOnly("ok"),
    check: ownOrder,
  },
  "guestOrder.cancel": {
    input: (f) => ({ orderCode: f.orderA.code, reason: "matrix" }),
    expect: guestsOnly("allowed"),
  },
  "guestOrder.confirmDelivery": {
    input: (f) => ({ orderCode: f.orderA.code }),
    expect: guestsOnly("allowed"),
  },
  // Live updates: subscribing is authorised like reading; which events each caller then hears is in
  // live-updates.test.ts (a subscription that is refused never opens a stream).
  "live.order": {
    input: (f) => ({ orderCode: f.orderA.code }),
    expect: guestsOnly("ok"),
    check: closeStream,
  },
  "live.hostOrders": { input: () => ({}), expect: signedIn("ok"), check: closeStream },
  "hostOrder.get": { input: (f) => ({ orderId: f.orderA.id }), expect: ownerOrAdmin("ok") },
  "hostOrder.acceptPayment": { input: (f) => ({ orderId: f.orderA.id }), expect: ownerOrAdmin("allowed") },
  "hostOrder.rejectPayment": {
    input: (f) => ({ orderId: f.orderA.id, reason: "matrix" }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostOrder.issueFinalInvoice": {
    input: (f) => ({ orderId: f.orderA.id, shippingFee: 10_000 }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostOrder.ship": {
    input: (f) => ({ orderId: f.orderA.id, courier: "JNE", trackingNumber: "MATRIX1" }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostOrder.cancel": {
    input: (f) => ({ orderId: f.orderA.id, reason: "matrix" }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostOrder.recordRefund": {
    input: (f) => ({ orderId: f.orderA.id, proofBase64: png }),
    expect: ownerOrAdmin("allowed"),
  },
  "admin.overview": { input: () => undefined, expect: adminOnly("ok") },
  "admin.throughput": { input: () => ({ window: "hour" }), expect: adminOnly("ok") },
  "admin.failedGroups": { input: () => undefined, expect: adminOnly("ok") },
  "admin.auditLog": { input: () => undefined, expect: adminOnly("ok") },
  // No such job in the fixtures: the admin gets past authorization to a NOT_FOUND from core.
  "admin.job": { input: () => ({ jobId: "999999999" }), expect: { ...adminOnly("ok"), admin: "NOT_FOUND" } },
  "admin.retry": { input: () => ({ jobIds: ["999999999"] }), expect: adminOnly("allowed") },
  "admin.discard": {
    input: () => ({ group: { task: "notify:send", signature: "matrix" } }),
    expect: { ...adminOnly("ok"), admin: "NOT_FOUND" },
  },
  "admin.running": { input: () => undefined, expect: adminOnly("ok") },
  "admin.scheduled": { input: () => undefined, expect: adminOnly("ok") },
  "admin.cron": { input: () => undefined, expect: adminOnly("ok") },
  "admin.notifications": { input: () => ({ status: "failed" }), expect: adminOnly("ok") },
  "admin.replay": {
    input: () => ({ jobId: "999999999", payload: "{}" }),
    expect: { ...adminOnly("ok"), admin: "NOT_FOUND" },
  },
  "admin.forceUnlock": {
    input: () => ({ workerId: "matrix-worker" }),
    expect: { ...adminOnly("ok"), admin: "NOT_FOUND" },
  },
  "admin.resendNotification": {
    input: () => ({ outboxId: "00000000-0000-4000-8000-000000000000" }),
    expect: { ...adminOnly("ok"), admin: "NOT_FOUND" },
  },
  // Host workspace. Writes run in this order, after the rows above: the profile first (so the admin has one
  // to create trips with), closing trip A last.
  "hostInbox.list": {
    input: (f) => ({ tripId: f.tripA.id }),
    expect: { ...ownerOrAdmin("ok"), hostB: "ok" },
    check: (result, actor, f) => {
      onlyOwnerSees(result, actor, f);
      if (actor === "hostA") expect(JSON.stringify(result)).toContain(f.orderA.code);
    },
  },
  "hostInbox.counts": {
    input: (f) => ({ tripId: f.tripA.id }),
    expect: { ...ownerOrAdmin("ok"), hostB: "ok" },
    check: (result, actor) => {
      const total = (result as { total: number }).total;
      if (actor === "hostB") expect(total).toBe(0);
      if (actor === "hostA") expect(total).toBeGreaterThan(0);
    },
  },
  "hostProfile.get": { input: () => undefined, expect: signedIn("ok") },
  "hostTrip.list": { input: () => undefined, expect: signedIn("ok"), check: onlyOwnerSees },
  "hostTrip.get": { input: (f) => ({ tripId: f.tripA.id }), expect: ownerOrAdmin("ok") },
  "hostTrip.participants": { input: (f) => ({ tripId: f.tripA.id }), expect: ownerOrAdmin("ok") },
  "hostTrip.shoppingList": { input: (f) => ({ tripId: f.tripA.id }), expect: ownerOrAdmin("ok") },
  "hostProduct.list": { input: (f) => ({ tripId: f.tripA.id }), expect: ownerOrAdmin("ok") },
  "hostProfile.save": {
    input: () => ({
      displayName: "Matrix",
      slug: `matrix-${randomUUID().slice(0, 8)}`,
      whatsappNumber: "0812 9876 5432",
      bankAccounts: [{ bankName: "BCA", accountNumber: "1234567890", accountHolder: "Matrix" }],
    }),
    expect: signedIn("allowed"),
  },
  "hostTrip.create": { input: tripFields, expect: signedIn("allowed") },
  "hostTrip.update": {
    input: (f) => ({ tripId: f.tripA.id, trip: tripFields() }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostProduct.add": {
    input: (f) => ({ tripId: f.tripA.id, product: { name: "Matrix", price: 50_000, stockAvailable: 5 } }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostProduct.update": {
    input: (f) => ({ productId: f.productA.id, product: { name: "Cushion", price: 250_000 } }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostProduct.setStock": {
    input: (f) => ({ productId: f.productA.id, expected: 50, stockAvailable: 50 }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostProduct.setHidden": {
    input: (f) => ({ productId: f.productA.id, hidden: false }),
    expect: ownerOrAdmin("allowed"),
  },
  "hostTrip.move": {
    input: (f) => ({ tripId: f.tripA.id, action: "close" }),
    expect: ownerOrAdmin("allowed"),
  },
};

// ---------------------------------------------------------------------------------------------------------

let contexts: Record<ActorName, ReturnType<typeof createTRPCContext>>;
/** Each caller's request headers (cookies), for the HTTP endpoints outside tRPC. */
let headersOf: Record<ActorName, Headers>;
let fixtures: Fixtures;

async function makeHost(tag: string) {
  return db.prisma.user.create({
    data: {
      email: `${tag}@example.test`,
      host: { create: { displayName: tag, slug: `matrix-${tag}`, whatsappNumber: "+6281298765432" } },
    },
    include: { host: true },
  });
}

async function makeTrip(hostId: string, slug: string) {
  return db.prisma.trip.create({
    data: {
      hostId,
      slug,
      title: slug,
      destination: "Seoul",
      startsOn: new Date("2031-01-05"),
      endsOn: new Date("2031-01-12"),
      orderDeadline: new Date(Date.now() + 86_400_000),
      status: "open",
      products: { create: { name: "Cushion", price: 250_000, stockAvailable: 50 } },
    },
    include: { products: true },
  });
}

/** What the tRPC route does: the session cookie, read by getSessionUser, becomes ctx.user. */
async function signedInHeaders(userId: string): Promise<Headers> {
  const { createAuthAdapter } = await import("../src/server/auth/adapter");
  const { sessionCookie } = await import("../src/server/auth/cookies");
  const sessionToken = randomUUID();
  await createAuthAdapter(db.prisma).createSession?.({
    sessionToken,
    userId,
    expires: new Date(Date.now() + 3_600_000),
  });
  return new Headers({ cookie: `${sessionCookie().name}=${sessionToken}` });
}

/** What the magic-link landing leaves in the browser: the cookie holding a browser credential for the order. */
async function guestHeaders(token: string): Promise<Headers> {
  const landed = await landOnOrderLink({
    db: db.prisma,
    token,
    headers: new Headers(),
    appBaseUrl: "http://localhost:3000",
  });
  return new Headers({ cookie: landed.headers.get("set-cookie")?.split(";")[0] ?? "" });
}

beforeAll(async () => {
  // The auth modules read the web app's configuration when they load, so set it before importing them.
  process.env.DATABASE_URL = db.url;
  const { getSessionUser } = await import("../src/server/auth/session");
  const storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-matrix-")) });

  const hostA = await makeHost("host-a");
  const hostB = await makeHost("host-b");
  const admin = await db.prisma.user.create({ data: { email: "admin@example.test", role: "admin" } });
  const tripA = await makeTrip(hostA.host?.id ?? "", "matrix-trip-a");
  const tripB = await makeTrip(hostB.host?.id ?? "", "matrix-trip-b");

  const context = async (headers: Headers) =>
    createTRPCContext({ db: db.prisma, headers, storage, user: await getSessionUser(headers, db.prisma) });
  const anonymous = await context(new Headers());
  const place = (trip: typeof tripA) =>
    createCaller(anonymous).order.place({
      tripId: trip.id,
      idempotencyKey: randomUUID(),
      guest: { name: "Sari", phone: "0812 3456 7802", shippingAddress: "Jl. Dago 2, Bandung" },
      items: [{ productId: trip.products[0]?.id ?? "", quantity: 2 }],
    });
  const placedA = await place(tripA);
  const placedB = await place(tripB);

  headersOf = {
    anonymous: new Headers(),
    guestA: await guestHeaders(placedA.token),
    guestB: await guestHeaders(placedB.token),
    hostA: await signedInHeaders(hostA.id),
    hostB: await signedInHeaders(hostB.id),
    admin: await signedInHeaders(admin.id),
  };
  contexts = {
    anonymous,
    guestA: await context(headersOf.guestA),
    guestB: await context(headersOf.guestB),
    hostA: await context(headersOf.hostA),
    hostB: await context(headersOf.hostB),
    admin: await context(headersOf.admin),
  };
  const uploaded = await uploadProofOverHttp({
    db: db.prisma,
    storage,
    cookie: contexts.guestA.headers.get("cookie") ?? "",
    orderCode: placedA.order.code,
    file: Buffer.from(png, "base64"),
  });
  expect(uploaded.status).toBe(201);
  const payment = await db.prisma.payment.findFirstOrThrow({ where: { orderId: placedA.order.id } });
  fixtures = {
    tripA: { id: tripA.id, slug: tripA.slug },
    productA: { id: tripA.products[0]?.id ?? "" },
    orderA: { id: placedA.order.id, code: placedA.order.code },
    orderB: { id: placedB.order.id, code: placedB.order.code },
    paymentA: { id: payment.id },
  };
});

type Procedures = Record<string, { _def: { type: "query" | "mutation" | "subscription" } }>;
// At runtime `_def.procedures` is flat, keyed by dotted path ("hostOrder.get"); its type is the nested record.
const procedures = appRouter._def.procedures as unknown as Procedures;

async function call(actor: ActorName, procedurePath: string, input: unknown) {
  let target: unknown = createCaller(contexts[actor]);
  for (const key of procedurePath.split(".")) target = (target as Record<string, unknown>)[key];
  try {
    return { ok: true as const, result: await (target as (input: unknown) => Promise<unknown>)(input) };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false as const, code: error.code, message: error.message };
  }
}

const denials = new Set<string>(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

describe("authorization matrix", () => {
  it("has exactly one row per procedure of the router", () => {
    const paths = Object.keys(procedures);
    expect(paths.length).toBeGreaterThan(0);
    expect(
      paths.filter((p) => !(p in matrix)),
      "procedures without a matrix row",
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((p) => !paths.includes(p)),
      "rows for procedures that no longer exist",
    ).toEqual([]);
  });

  // Reads first, then writes (the fixtures' orders change as writes succeed); within a row, refused callers
  // before allowed ones, so each refusal meets the object in the state the row was written for.
  const reads = (p: string) => (procedures[p]?._def.type === "query" ? 0 : 1);
  const rank = (outcome: Outcome) => (outcome === "ok" || outcome === "allowed" ? 1 : 0);
  const rows = Object.keys(matrix).sort((a, b) => reads(a) - reads(b));

  it.each(rows)("%s", async (procedurePath) => {
    const row = matrix[procedurePath];
    if (!row) throw new Error(`no row for ${procedurePath}`);
    const callers = [...actors].sort((a, b) => rank(row.expect[a]) - rank(row.expect[b]));
    for (const actor of callers) {
      const expected = row.expect[actor];
      const outcome = await call(actor, procedurePath, row.input(fixtures));
      const seen = outcome.ok ? "ok" : `${outcome.code}: ${outcome.message}`;
      const where = `${procedurePath} as ${actor}: got ${seen}`;
      if (expected === "ok") expect(outcome.ok, where).toBe(true);
      else if (expected === "allowed") expect(!outcome.ok && denials.has(outcome.code), where).toBe(false);
      else expect(outcome.ok ? "ok" : outcome.code, where).toBe(expected);
      if (outcome.ok && row.check) row.check(outcome.result, actor, fixtures);
    }
  });
});

// Route handlers outside tRPC that act for a guest, checked the same way: each caller's cookies as sent.
const routes: Record<
  string,
  { call: (actor: ActorName) => Promise<number>; expect: Record<ActorName, Outcome> }
> = {
  "POST /api/orders/<code>/proofs": {
    call: async (actor) =>
      (
        await uploadProofOverHttp({
          db: db.prisma,
          storage: contexts[actor].storage,
          cookie: contexts[actor].headers.get("cookie") ?? "",
          orderCode: fixtures.orderA.code,
          file: Buffer.from(png, "base64"),
        })
      ).status,
    expect: guestsOnly("allowed"),
  },
};

const httpDenials: Record<number, Denial> = { 401: "UNAUTHORIZED", 403: "FORBIDDEN", 404: "NOT_FOUND" };

describe("authorization matrix of guest routes", () => {
  it.each(Object.keys(routes))("%s", async (name) => {
    const route = routes[name];
    if (!route) throw new Error(`no route ${name}`);
    for (const actor of actors) {
      const expected = route.expect[actor];
      const paymentsBefore = await db.prisma.payment.count();
      const status = await route.call(actor);
      const seen = httpDenials[status] ?? (status < 300 ? "ok" : "allowed");
      const where = `${name} as ${actor}: got HTTP ${status}`;
      if (expected === "ok" || expected === "allowed") expect(status in httpDenials, where).toBe(false);
      else {
        expect(seen, where).toBe(expected);
        expect(await db.prisma.payment.count(), `${where}: nothing stored`).toBe(paymentsBefore);
      }
      expect(status, where).toBeLessThan(500);
    }
  });
});

// The monitoring endpoints and /api/metrics, outside tRPC: the admin's session or the MONITORING_TOKEN bearer
// may read them; no credentials or a wrong token is 401, a signed-in non-admin 403. Queue health answers
// everyone, but only with a status unless the caller may see the reasons.
describe("monitoring endpoints", () => {
  const token = "t".repeat(40);
  const callers = {
    anonymous: () => new Headers(),
    guestCookie: () => headersOf.guestA,
    host: () => headersOf.hostA,
    admin: () => headersOf.admin,
    bearerToken: () => new Headers({ authorization: `Bearer ${token}` }),
    wrongToken: () => new Headers({ authorization: `Bearer ${"x".repeat(40)}` }),
    // A wrong token decides even next to an admin's cookie.
    adminWithWrongToken: () =>
      new Headers({ cookie: headersOf.admin.get("cookie") ?? "", authorization: "Bearer nope" }),
  };
  type Caller = keyof typeof callers;
  type Deps = { db: typeof db.prisma; monitoringToken: string | undefined };
  const protectedAnswer: Record<Caller, number> = {
    anonymous: 401,
    guestCookie: 401,
    host: 403,
    admin: 200,
    bearerToken: 200,
    wrongToken: 401,
    adminWithWrongToken: 401,
  };
  // Loaded after the outer beforeAll has set the configuration the auth modules read.
  const load = () => import("../src/server/monitoring/endpoints");
  const endpoints = {
    "/api/monitoring/queue/stats": async (request: Request, deps: Deps) =>
      (await load()).queueStatsResponse(request, deps),
    "/api/monitoring/queue/info": async (request: Request, deps: Deps) =>
      (await load()).queueInfoResponse(request, deps),
    "/api/metrics": async (request: Request, deps: Deps) => (await load()).metricsResponse(request, deps),
  };
  const ask = (endpoint: string, caller: Caller) =>
    new Request(`http://localhost${endpoint}`, { headers: callers[caller]() });

  it.each(Object.keys(endpoints))("%s", async (endpoint) => {
    const respond = endpoints[endpoint as keyof typeof endpoints];
    for (const caller of Object.keys(callers) as Caller[]) {
      const response = await respond(ask(endpoint, caller), { db: db.prisma, monitoringToken: token });
      const body = await response.text();
      expect(response.status, `${endpoint} as ${caller}: ${body.slice(0, 200)}`).toBe(
        protectedAnswer[caller],
      );
      if (response.status === 401) expect(response.headers.get("www-authenticate")).toBe("Bearer");
      if (response.status !== 200) expect(body).not.toMatch(/nitip_|ready|worker/);
    }
  });

  it("/api/monitoring/queue/health: the reasons only for those allowed", async () => {
    for (const caller of Object.keys(callers) as Caller[]) {
      const { queueHealthResponse } = await load();
      const response = await queueHealthResponse(ask("/api/monitoring/queue/health", caller), {
        db: db.prisma,
        monitoringToken: token,
      });
      const body = (await response.json()) as Record<string, unknown>;
      // No worker runs in this test: the queue is failing, which everyone may know.
      expect(response.status, caller).toBe(503);
      if (protectedAnswer[caller] === 200) {
        expect(body, caller).toMatchObject({ status: "failing", problems: expect.any(Array) });
      } else {
        expect(body, caller).toEqual({ status: "failing" });
      }
    }
  });

  it("without a configured token, a bearer is refused and the admin's session still works", async () => {
    const deps = { db: db.prisma, monitoringToken: undefined };
    const { queueStatsResponse } = await load();
    expect((await queueStatsResponse(ask("/api/monitoring/queue/stats", "bearerToken"), deps)).status).toBe(
      401,
    );
    expect((await queueStatsResponse(ask("/api/monitoring/queue/stats", "admin"), deps)).status).toBe(200);
  });
});
