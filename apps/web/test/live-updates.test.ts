// Live order updates against a real PostgreSQL: two "web processes" (two listeners, each on its own
// connection to one database) serve subscribers; an order change committed anywhere reaches exactly the
// subscribers allowed to hear of it, a killed LISTEN connection comes back and says "resync", and a
// subscriber that goes away leaves no listener behind.
import { randomUUID } from "node:crypto";
import { cancelOrder, expireOverdueOrders, placeOrder } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { handleTrpcRequest } from "../src/server/api/http";
import { createCaller } from "../src/server/api/root";
import { createTRPCContext, type SessionUser } from "../src/server/api/trpc";
import { landOnOrderLink } from "../src/server/guest-access";
import { createOrderChangeListener, type OrderChangeListener } from "../src/server/live/listener";
import type { OrderSignal } from "../src/server/live/order-changes";
import { latestOrderVersion } from "../src/server/live/version";
import { createOpenTrip } from "./helpers";

const db = useTestDatabase({ max: 10 });
const appBaseUrl = "http://localhost:3000";
let webA: OrderChangeListener;
let webB: OrderChangeListener;
let hostA: SessionUser;
let hostB: SessionUser;
let tripT = { id: "", productId: "" };
let tripU = { id: "", productId: "" };
/** The newest version each process's listener has heard (notifications arrive a moment after the commit). */
const heard = new Map<OrderChangeListener, bigint>();

function trackHeard(web: OrderChangeListener) {
  heard.set(web, 0n);
  web.subscribe((signal) => {
    if (signal.type === "change") heard.set(web, BigInt(signal.change.version));
    if (signal.type === "resync" && signal.version) heard.set(web, BigInt(signal.version));
  });
}

/** Waits until both processes heard everything committed so far, so a new subscriber hears only news. */
async function settle() {
  const newest = BigInt(await latestOrderVersion(db.prisma));
  await waitFor(
    () => [...heard.values()].every((version) => version >= newest),
    () => `the listeners to catch up: ${newest} vs ${[...heard.values()].join(",")}`,
  );
}

async function makeHostWithTrip(tag: string) {
  const made = await createOpenTrip(db.prisma, tag);
  return {
    user: { id: made.userId, role: "host" as const },
    trip: { id: made.tripId, productId: made.productId },
  };
}

let phones = 0;
async function place(trip: { id: string; productId: string }) {
  const placed = await placeOrder(db.prisma, {
    trip: { id: trip.id },
    idempotencyKey: randomUUID(),
    guest: {
      name: "Rina",
      phone: `0812 6${String(++phones).padStart(3, "0")} 7001`,
      shippingAddress: "Jl. Dago 1",
    },
    items: [{ productId: trip.productId, quantity: 1 }],
  });
  const landed = await landOnOrderLink({
    db: db.prisma,
    token: placed.token,
    headers: new Headers(),
    appBaseUrl,
  });
  const cookie = landed.headers.get("set-cookie")?.split(";")[0] ?? "";
  await settle();
  return { id: placed.order.id, code: placed.order.code, headers: new Headers({ cookie }) };
}

type Caller = ReturnType<typeof createCaller>;
/** Streams still open; a failed test's are closed after it, so the next test starts with none. */
const openStreams = new Set<AbortController>();
type Event = { id: string; data: { kind: string; orderId?: string; status?: string } };

/** A subscriber on one web process: its events as they arrive, until `stop()`. */
async function subscribe(
  web: OrderChangeListener,
  who: { user?: SessionUser; headers?: Headers },
  open: (caller: Caller, lastEventId: string) => Promise<AsyncIterable<unknown>>,
) {
  const abort = new AbortController();
  const ctx = createTRPCContext({ db: db.prisma, ...who, appBaseUrl, orderChanges: () => web });
  const before = web.subscriberCount();
  // As a page does: the version it was read at, so only what happens from now on is news.
  const stream = await open(createCaller(ctx, { signal: abort.signal }), await latestOrderVersion(db.prisma));
  const events: Event[] = [];
  openStreams.add(abort);
  const done = (async () => {
    // The server's tracked(id, data) envelopes, as the SSE stream would carry them.
    for await (const [id, data] of stream as AsyncIterable<[string, Event["data"]]>)
      events.push({ id, data });
  })();
  await waitFor(() => web.subscriberCount() > before, "the subscriber to attach");
  return {
    events,
    stop: async () => {
      abort.abort();
      openStreams.delete(abort);
      await done;
    },
  };
}

async function waitFor(condition: () => boolean, what: string | (() => string), ms = 5_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The changes a subscriber heard. A "resync" may come first when a change lands while its catch-up read runs
 * (it is scoped like the changes and names no order); the routing checks look at the changes.
 */
const changes = (stream: { events: Event[] }) =>
  stream.events.filter((event) => event.data.kind === "change").map((event) => event.data);

const changeOf = (order: { id: string }) => (event: Event) =>
  event.data.kind === "change" && event.data.orderId === order.id;
const cancelByGuest = (order: { id: string }) =>
  cancelOrder(db.prisma, { orderId: order.id, actor: { type: "guest" } });

beforeAll(async () => {
  const a = await makeHostWithTrip("a");
  const b = await makeHostWithTrip("b");
  hostA = a.user;
  hostB = b.user;
  tripT = a.trip;
  tripU = b.trip;
  webA = createOrderChangeListener({ connectionString: db.url, retryDelayMs: () => 100 });
  webB = createOrderChangeListener({ connectionString: db.url, retryDelayMs: () => 100 });
  await Promise.all([webA.ready(), webB.ready()]);
  trackHeard(webA);
  trackHeard(webB);
});

afterEach(() => {
  for (const abort of openStreams) abort.abort();
  openStreams.clear();
});

afterAll(async () => {
  await Promise.all([webA?.close(), webB?.close()]);
});

describe("live order updates across two web processes", () => {
  it("a guest hears their own order's changes, not another order's", async () => {
    const orderA = await place(tripT);
    const orderB = await place(tripT);
    const guestA = await subscribe(webA, { headers: orderA.headers }, (c, v) =>
      c.live.order({ orderCode: orderA.code, lastEventId: v }),
    );
    const guestB = await subscribe(webB, { headers: orderB.headers }, (c, v) =>
      c.live.order({ orderCode: orderB.code, lastEventId: v }),
    );

    await cancelByGuest(orderA);
    await waitFor(() => guestA.events.some(changeOf(orderA)), "guest A to hear order A");
    await cancelByGuest(orderB);
    await waitFor(() => guestB.events.some(changeOf(orderB)), "guest B to hear order B");

    expect(changes(guestA)).toEqual([{ kind: "change", orderId: orderA.id, status: "cancelled" }]);
    expect(changes(guestB)).toEqual([{ kind: "change", orderId: orderB.id, status: "cancelled" }]);
    await Promise.all([guestA.stop(), guestB.stop()]);
  });

  it("a host hears the orders of their own trips only, new ones included", async () => {
    const hostAStream = await subscribe(webB, { user: hostA }, (c, v) =>
      c.live.hostOrders({ lastEventId: v }),
    );
    const hostBStream = await subscribe(webA, { user: hostB }, (c, v) =>
      c.live.hostOrders({ lastEventId: v }),
    );
    const onU = await place(tripU);
    const onT = await place(tripT);
    await cancelByGuest(onU);
    await cancelByGuest(onT);
    await waitFor(
      () => hostAStream.events.filter(changeOf(onT)).length === 2,
      "host A to hear trip T's order",
    );
    await waitFor(
      () => hostBStream.events.filter(changeOf(onU)).length === 2,
      "host B to hear trip U's order",
    );

    expect(changes(hostAStream).map((change) => change.status)).toEqual(["pending_dp", "cancelled"]);
    expect(changes(hostAStream).every((change) => change.orderId === onT.id)).toBe(true);
    expect(changes(hostBStream).every((change) => change.orderId === onU.id)).toBe(true);
    await Promise.all([hostAStream.stop(), hostBStream.stop()]);
  });

  it("the deadline sweep's set-based expiry reaches the guest and the host like any transition", async () => {
    const order = await place(tripT);
    const guest = await subscribe(webA, { headers: order.headers }, (c, v) =>
      c.live.order({ orderCode: order.code, lastEventId: v }),
    );
    const host = await subscribe(webB, { user: hostA }, (c, v) => c.live.hostOrders({ lastEventId: v }));
    // As if the payment deadline had passed a day ago.
    const expired = await expireOverdueOrders(db.prisma, { now: new Date(Date.now() + 3 * 86_400_000) });
    expect(expired).toContain(order.id);
    const heardExpiry = (stream: { events: Event[] }) =>
      changes(stream).some((change) => change.orderId === order.id && change.status === "expired");
    await waitFor(() => heardExpiry(guest) && heardExpiry(host), "the guest and the host to hear the expiry");
    await Promise.all([guest.stop(), host.stop()]);
  });

  it("a sweep batch of many orders is one bulk notice: those concerned re-read, the others hear nothing", async () => {
    const batch: Awaited<ReturnType<typeof place>>[] = [];
    for (let i = 0; i < 25; i++) batch.push(await place(tripU));
    const bystander = await place(tripT);
    const target = batch[7] ?? batch[0];
    if (!target) throw new Error("no order placed");
    const signals: OrderSignal[] = [];
    const unsubscribe = webA.subscribe((signal) => signals.push(signal));
    const guest = await subscribe(webA, { headers: target.headers }, (c, v) =>
      c.live.order({ orderCode: target.code, lastEventId: v }),
    );
    const owner = await subscribe(webB, { user: hostB }, (c, v) => c.live.hostOrders({ lastEventId: v }));
    const other = await subscribe(webB, { headers: bystander.headers }, (c, v) =>
      c.live.order({ orderCode: bystander.code, lastEventId: v }),
    );
    const otherHost = await subscribe(webA, { user: hostA }, (c, v) => c.live.hostOrders({ lastEventId: v }));

    try {
      const expired = await expireOverdueOrders(db.prisma, {
        orderIds: batch.map((order) => order.id),
        now: new Date(Date.now() + 3 * 86_400_000),
      });
      expect(expired).toHaveLength(25);
      await waitFor(
        () => guest.events.length > 0 && owner.events.length > 0,
        "the guest and the host of the batch to hear",
      );
      await settle();
    } finally {
      unsubscribe();
    }
    const newest = await latestOrderVersion(db.prisma);
    // One notice for the 25 events, not 25.
    expect(signals).toEqual([{ type: "resync", version: newest }]);
    // Each re-read finds the newest change in its own scope: the guest their order's expiry.
    const expiry = await db.prisma.orderEvent.findFirstOrThrow({
      where: { orderId: target.id, toStatus: "expired" },
    });
    expect(guest.events).toEqual([{ id: String(expiry.id), data: { kind: "resync" } }]);
    expect(owner.events).toEqual([{ id: newest, data: { kind: "resync" } }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.events).toEqual([]);
    expect(otherHost.events).toEqual([]);
    await Promise.all([guest.stop(), owner.stop(), other.stop(), otherHost.stop()]);
  });

  it("tells a (re)connecting browser at once whether it missed anything since the version it saw", async () => {
    const order = await place(tripT);
    const before = await latestOrderVersion(db.prisma);
    await cancelByGuest(order);
    await settle();
    const behind = await subscribe(webA, { headers: order.headers }, (c) =>
      c.live.order({ orderCode: order.code, lastEventId: before }),
    );
    const upToDate = await subscribe(webB, { headers: order.headers }, (c, newest) =>
      c.live.order({ orderCode: order.code, lastEventId: newest }),
    );
    await waitFor(() => behind.events.length === 1, "the browser that was behind to hear resync");
    expect(behind.events).toEqual([{ id: await latestOrderVersion(db.prisma), data: { kind: "resync" } }]);

    // The other one, subscribed with the newest version, has nothing to catch up on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(upToDate.events).toEqual([]);
    await Promise.all([behind.stop(), upToDate.stop()]);
  });

  it("refuses a browser without the order's credential and anyone signed out", async () => {
    const orderA = await place(tripT);
    const orderB = await place(tripT);
    const refusal = async (
      who: { user?: SessionUser; headers?: Headers },
      open: (c: Caller) => Promise<unknown>,
    ) => {
      const ctx = createTRPCContext({ db: db.prisma, ...who, appBaseUrl, orderChanges: () => webA });
      return open(createCaller(ctx)).then(
        () => "subscribed",
        (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
      );
    };
    expect(await refusal({ headers: orderB.headers }, (c) => c.live.order({ orderCode: orderA.code }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await refusal({ user: hostA }, (c) => c.live.order({ orderCode: orderA.code }))).toBe(
      "UNAUTHORIZED",
    );
    expect(await refusal({ headers: orderA.headers }, (c) => c.live.hostOrders({}))).toBe("UNAUTHORIZED");
    expect(webA.subscriberCount()).toBe(1); // trackHeard's own
  });

  it("comes back after the LISTEN connection is killed, says resync, and delivers again", async () => {
    const order = await place(tripT);
    const signals: OrderSignal[] = [];
    const resyncs = new Set<OrderChangeListener>();
    const raw = [webA, webB].map((web) =>
      web.subscribe((signal) => {
        if (signal.type === "resync") resyncs.add(web);
        signals.push(signal);
      }),
    );
    const guest = await subscribe(webA, { headers: order.headers }, (c, v) =>
      c.live.order({ orderCode: order.code, lastEventId: v }),
    );
    const seenAtStart = guest.events.length;

    // PostgreSQL goes away for the listeners: new connections are refused and both processes' LISTEN
    // sessions are killed (waiting until they are gone). A change committed meanwhile, on a connection opened
    // before, is heard by nobody: only the resync after the reconnect can tell the subscriber about it.
    const session = await db.pool.connect();
    const server = new pg.Client({ connectionString: db.serverUrl });
    await server.connect();
    try {
      const [{ name }] = (await session.query("select current_database() as name")).rows as [
        { name: string },
      ];
      await server.query(`alter database "${name}" with allow_connections false`);
      await session.query(
        `select pg_terminate_backend(pid, 5000) from pg_stat_activity
          where application_name = 'nitip-web-live' and datname = current_database()`,
      );
      await session.query(
        `insert into order_events (order_id, from_status, to_status, actor_type, reason)
         values ($1, 'pending_dp', 'pending_dp', 'system', 'missed while nobody listened')`,
        [order.id],
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(signals).toEqual([]);
      await server.query(`alter database "${name}" with allow_connections true`);
    } finally {
      session.release();
      await server.end();
    }
    await waitFor(() => resyncs.size === 2, "both listeners to reconnect and say resync");
    await waitFor(() => guest.events.some((e) => e.data.kind === "resync"), "the subscriber to hear resync");

    await cancelByGuest(order);
    await waitFor(() => guest.events.some(changeOf(order)), "delivery to resume");
    expect(guest.events.slice(seenAtStart).map((e) => e.data.kind)).toEqual(["resync", "change"]);
    for (const unsubscribe of raw) unsubscribe();
    await guest.stop();
  });

  it("a browser that disconnects leaves no listener behind (SSE through the production handler)", async () => {
    const order = await place(tripT);
    const abort = new AbortController();
    const input = encodeURIComponent(JSON.stringify({ json: { orderCode: order.code } }));
    const request = new Request(`http://localhost/api/trpc/live.order?input=${input}`, {
      headers: { cookie: order.headers.get("cookie") ?? "", accept: "text/event-stream" },
      signal: abort.signal,
    });
    const response = await handleTrpcRequest(request, () =>
      createTRPCContext({ db: db.prisma, headers: request.headers, appBaseUrl, orderChanges: () => webB }),
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil("event: connected");
    await waitFor(() => webB.subscriberCount() === 2, "the stream to subscribe"); // and trackHeard's
    await cancelByGuest(order);
    await readUntil('"status":"cancelled"');

    abort.abort();
    await reader.cancel().catch(() => {});
    await waitFor(() => webB.subscriberCount() === 1, "the listener to be released");
  });
});
