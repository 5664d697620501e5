// Magic links over HTTP, as a browser meets them: the landing swaps the link for a cookie that is not the
// token, one browser holds several orders, link-preview fetchers get nothing, and the API never takes a
// token from a URL (tRPC queries carry their input in the query string).
import { randomUUID } from "node:crypto";
import { placeOrder } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { createTRPCContext } from "../src/server/api/trpc";
import { landOnOrderLink, maxOrdersPerBrowser } from "../src/server/guest-access";
import { callOverHttp } from "./helpers";

const db = useTestDatabase();
const appBaseUrl = "http://localhost:3000";
let tripId = "";
let productId = "";

beforeAll(async () => {
  const user = await db.prisma.user.create({
    data: {
      email: "links@example.test",
      host: { create: { displayName: "Links", slug: "h-links", whatsappNumber: "+6281298765432" } },
    },
    include: { host: true },
  });
  const trip = await db.prisma.trip.create({
    data: {
      hostId: user.host?.id ?? "",
      slug: "osaka-feb",
      title: "Osaka Feb",
      destination: "Osaka",
      startsOn: new Date("2031-02-05"),
      endsOn: new Date("2031-02-12"),
      orderDeadline: new Date(Date.now() + 86_400_000),
      status: "open",
      products: { create: { name: "Pocky", price: 40_000 } },
    },
    include: { products: true },
  });
  tripId = trip.id;
  productId = trip.products[0]?.id ?? "";
});

let guests = 0;

/** An order by a guest of its own (a phone has at most a few unpaid orders per trip). */
function place(phone = `0812 5${String(++guests).padStart(3, "0")} 7001`) {
  return placeOrder(db.prisma, {
    trip: { id: tripId },
    idempotencyKey: randomUUID(),
    guest: { name: "Rina", phone, shippingAddress: "Jl. Dago 10, Bandung" },
    items: [{ productId, quantity: 1 }],
  });
}

/** GET /o/<token> as a browser holding `cookie` (its `name=value`, or ""). */
function open(token: string, cookie = "", options: { userAgent?: string; base?: string } = {}) {
  const headers = new Headers({
    "user-agent": options.userAgent ?? "Mozilla/5.0 (Linux; Android 14) Chrome/130",
  });
  if (cookie) headers.set("cookie", cookie);
  return landOnOrderLink({ db: db.prisma, token, headers, appBaseUrl: options.base ?? appBaseUrl });
}

/** The `name=value` a browser sends back after this answer (or what it had). */
function cookieAfter(response: Response, before = ""): string {
  return response.headers.get("set-cookie")?.split(";")[0] ?? before;
}

/** A tRPC call over HTTP through the production handler, as a browser sending `cookie`. */
async function trpc(method: "GET" | "POST", path: string, input: unknown, cookie = "") {
  const headers = new Headers(cookie ? { cookie } : {});
  const answer = await callOverHttp(
    () => createTRPCContext({ db: db.prisma, headers, appBaseUrl }),
    path,
    input,
    { method },
  );
  const error = answer.body.error?.json as
    | { message: string; data: { zodError: { fieldErrors: Record<string, string[]> } | null } }
    | undefined;
  return { status: answer.status, data: answer.body.result?.data.json, error };
}

const lastUsed = async (orderId: string) =>
  (await db.prisma.guestAccessToken.findFirstOrThrow({ where: { orderId, purpose: "order_access" } }))
    .lastUsedAt;

describe("a token in the API's input", () => {
  it("is refused in a GET query string and in a POST body, naming the field, and is never looked up", async () => {
    const placed = await place();
    const viaQuery = await trpc("GET", "guestOrder.get", {
      orderCode: placed.order.code,
      token: placed.token,
    });
    expect(viaQuery.status).toBe(400);
    expect(viaQuery.error?.data.zodError?.fieldErrors.token?.[0]).toContain("open the link itself");
    const viaBody = await trpc("POST", "guestOrder.confirmDelivery", {
      orderCode: placed.order.code,
      token: placed.token,
    });
    expect(viaBody.status).toBe(400);
    expect(await lastUsed(placed.order.id)).toBeNull();
    // Only the cookie opens it.
    const cookie = cookieAfter(await open(placed.token));
    const viaCookie = await trpc("GET", "guestOrder.get", { orderCode: placed.order.code }, cookie);
    expect(viaCookie.status).toBe(200);
  });
});

describe("the landing", () => {
  it("sets an httpOnly cookie that is not the token and redirects to the order's clean URL", async () => {
    const placed = await place();
    const landed = await open(placed.token);
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toBe(`${appBaseUrl}/pesanan/${placed.order.code}`);
    expect(landed.headers.get("cache-control")).toBe("no-store");
    const setCookie = landed.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      /^nitip_orders=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    expect(setCookie).not.toContain(placed.token);
    expect(await lastUsed(placed.order.id)).not.toBeNull();
  });

  it("names the cookie __Host- and marks it Secure when the app is served over https", async () => {
    const placed = await place();
    const landed = await open(placed.token, "", { base: "https://nitip.example" });
    expect(landed.headers.get("location")).toBe(`https://nitip.example/pesanan/${placed.order.code}`);
    const setCookie = landed.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      /^__Host-nitip_orders=[A-Za-z0-9_-]{43}; Path=\/;.*; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(setCookie).not.toMatch(/Domain=/i);
  });

  it("keeps every order a browser opened: a second link does not lose the first", async () => {
    const first = await place();
    const second = await place();
    let cookie = cookieAfter(await open(first.token));
    cookie = cookieAfter(await open(second.token, cookie), cookie);
    for (const placed of [first, second]) {
      const view = await trpc("GET", "guestOrder.get", { orderCode: placed.order.code }, cookie);
      expect(view).toMatchObject({ status: 200, data: { id: placed.order.id } });
    }
    const mine = await trpc("GET", "guestOrder.mine", undefined, cookie);
    expect(mine.data).toEqual([
      expect.objectContaining({ code: second.order.code, tripTitle: "Osaka Feb", status: "pending_dp" }),
      expect.objectContaining({ code: first.order.code, tripTitle: "Osaka Feb", status: "pending_dp" }),
    ]);
    // Reopening the first link moves it to the front with the credential the browser already has.
    const again = cookieAfter(await open(first.token, cookie), cookie);
    expect(again.split("=")[1]?.split(".").sort()).toEqual(cookie.split("=")[1]?.split(".").sort());
    expect((await trpc("GET", "guestOrder.mine", undefined, again)).data).toMatchObject([
      { code: first.order.code },
      { code: second.order.code },
    ]);
  });

  it(`keeps the ${maxOrdersPerBrowser} most recent orders in the cookie`, async () => {
    let cookie = "";
    const codes: string[] = [];
    for (let i = 0; i < maxOrdersPerBrowser + 2; i++) {
      const placed = await place();
      codes.unshift(placed.order.code);
      cookie = cookieAfter(await open(placed.token, cookie), cookie);
    }
    const mine = (await trpc("GET", "guestOrder.mine", undefined, cookie)).data as { code: string }[];
    expect(mine.map((order) => order.code)).toEqual(codes.slice(0, maxOrdersPerBrowser));
  });

  it("gives a link-preview fetcher nothing: no cookie, no redirect, the link not even looked up", async () => {
    const placed = await place();
    for (const userAgent of [
      "WhatsApp/2.24.1 A",
      "facebookexternalhit/1.1",
      "TelegramBot (like TwitterBot)",
    ]) {
      const fetched = await open(placed.token, "", { userAgent });
      expect(fetched.status).toBe(200);
      expect(fetched.headers.get("set-cookie")).toBeNull();
      expect(fetched.headers.get("location")).toBeNull();
    }
    expect(await lastUsed(placed.order.id)).toBeNull();
  });

  it("sends wrong, expired and revoked links to the same page, leaving the cookie alone", async () => {
    const kept = await place();
    const cookie = cookieAfter(await open(kept.token));
    const revoked = await place("0812 3456 7001");
    await trpc("POST", "guestOrder.requestNewLink", {
      orderCode: revoked.order.code,
      phone: "0812 3456 7001",
    });
    for (const token of ["x".repeat(43), revoked.token, "short"]) {
      const landed = await open(token, cookie);
      expect(landed.headers.get("location")).toBe(`${appBaseUrl}/pesanan?tautan=tidak-berlaku`);
      expect(landed.headers.get("set-cookie")).toBeNull();
    }
  });
});

describe("guestOrder.requestNewLink", () => {
  it("answers the same whether or not the code and number match", async () => {
    const placed = await place("0812 3456 7002");
    const match = await trpc("POST", "guestOrder.requestNewLink", {
      orderCode: placed.order.code,
      phone: "0812 3456 7002",
    });
    const mismatch = await trpc("POST", "guestOrder.requestNewLink", {
      orderCode: placed.order.code,
      phone: "0812 3456 7003",
    });
    expect(match).toEqual({ status: 200, data: mismatch.data, error: undefined });
    expect(mismatch.status).toBe(200);
  });
});
