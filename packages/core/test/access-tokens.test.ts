// Access to an order on real PostgreSQL: links are capped per order, their lifetime comes from
// platform_config, a link is swapped for a separate browser credential, and a guest asking for a new link
// (code + WhatsApp number) revokes the old access without telling a stranger whether the pair matched.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import {
  accessKinds,
  exchangeOrderLink,
  issueOrderAccessToken,
  newLinkAnswer,
  placeOrder,
  requestNewOrderLink,
  resolveBrowserCredentials,
  resolveOrderAccessToken,
  revokeOrderAccess,
} from "../src/index.ts";
import { createHostWithTrip, guestInput } from "./fixtures.ts";

const db = useTestDatabase();

/** An order on a trip of its own, by the guest whose WhatsApp number is 0812-3456-7891. */
async function newOrder() {
  const { trip, products } = await createHostWithTrip(db.prisma);
  const input = guestInput(trip.id, [{ productId: products[0]?.id ?? "", quantity: 1 }]);
  return placeOrder(db.prisma, { ...input, guest: { ...input.guest, phone: "0812-3456-7891" } });
}

/** What resolving gives for each token: the order id, or the error code and message. */
function outcomes(tokens: string[]) {
  return Promise.all(
    tokens.map((token) =>
      resolveOrderAccessToken(db.prisma, token).then(
        ({ orderId }) => orderId,
        (error: Error & { code: string }) => `${error.code}: ${error.message}`,
      ),
    ),
  );
}

const liveOf = (orderId: string, purpose: "order_access" | "browser_session") =>
  db.prisma.guestAccessToken.count({
    where: { orderId, purpose, revokedAt: null, expiresAt: { gt: new Date() } },
  });

describe("link tokens", () => {
  it("stay at most the cap per order: issuing one more revokes the oldest, in the same statement", async () => {
    const placed = await newOrder();
    const cap = accessKinds.link.liveCap;
    const issued = [placed.token];
    for (let i = 0; i < cap + 2; i++)
      issued.push((await issueOrderAccessToken(db.prisma, placed.order.id)).token);
    expect(await liveOf(placed.order.id, "order_access")).toBe(cap);
    const results = await outcomes(issued);
    // The newest `cap` open the order; the older ones fail exactly like a wrong link.
    expect(results.slice(-cap)).toEqual(Array(cap).fill(placed.order.id));
    const [wrong] = await outcomes(["x".repeat(43)]);
    expect(results.slice(0, -cap)).toEqual([wrong, wrong, wrong]);
  });

  it("live as long as platform_config.magic_link_ttl_days says, from placement and from later issues", async () => {
    await db.prisma.platformConfig.upsert({
      where: { id: 1 },
      create: { id: 1, magicLinkTtlDays: 3 },
      update: { magicLinkTtlDays: 3 },
    });
    try {
      const placed = await newOrder();
      const later = await issueOrderAccessToken(db.prisma, placed.order.id);
      for (const expiresAt of [placed.tokenExpiresAt, later.expiresAt]) {
        expect(Math.abs(expiresAt.getTime() - (Date.now() + 3 * 86_400_000))).toBeLessThan(60_000);
      }
      const stored = await db.prisma.guestAccessToken.findMany({ where: { orderId: placed.order.id } });
      expect(stored.map((t) => t.expiresAt.getTime()).sort()).toEqual(
        [placed.tokenExpiresAt, later.expiresAt].map((d) => d.getTime()).sort(),
      );
    } finally {
      await db.prisma.platformConfig.update({ where: { id: 1 }, data: { magicLinkTtlDays: 60 } });
    }
  });
});

describe("browser credentials", () => {
  it("are minted for a link at the landing, differ from it, and neither works as the other", async () => {
    const placed = await newOrder();
    const opened = await exchangeOrderLink(db.prisma, placed.token, []);
    expect(opened).toMatchObject({ orderId: placed.order.id, code: placed.order.code });
    const credential = opened.credential ?? "";
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(credential).not.toBe(placed.token);
    expect(await resolveBrowserCredentials(db.prisma, [credential, placed.token])).toEqual([
      expect.objectContaining({ credential, orderId: placed.order.id, code: placed.order.code }),
    ]);
    await expect(resolveOrderAccessToken(db.prisma, credential)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A browser that already holds the order gets no second credential.
    expect(await exchangeOrderLink(db.prisma, placed.token, [placed.order.id])).toMatchObject({
      credential: null,
    });
    expect(await liveOf(placed.order.id, "browser_session")).toBe(1);
  });

  it("are capped per order too, so reopening a link in fresh browsers cannot pile them up", async () => {
    const placed = await newOrder();
    const cap = accessKinds.browser.liveCap;
    for (let i = 0; i < cap + 3; i++) await exchangeOrderLink(db.prisma, placed.token, []);
    expect(await liveOf(placed.order.id, "browser_session")).toBe(cap);
  });

  it("and links are all revoked by revokeOrderAccess (host or admin)", async () => {
    const placed = await newOrder();
    const { credential } = await exchangeOrderLink(db.prisma, placed.token, []);
    expect(await revokeOrderAccess(db.prisma, placed.order.id)).toBe(2);
    expect(await resolveBrowserCredentials(db.prisma, [credential ?? ""])).toEqual([]);
    await expect(resolveOrderAccessToken(db.prisma, placed.token)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("asking for a new link", () => {
  const outboxOf = (orderId: string) =>
    db.prisma.notificationOutbox.findMany({ where: { orderId, templateKey: "order.new_link" } });

  it("with the right code and number revokes the order's access and queues a WhatsApp with a fresh link", async () => {
    const placed = await newOrder();
    const { credential } = await exchangeOrderLink(db.prisma, placed.token, []);
    const answer = await requestNewOrderLink(db.prisma, {
      orderCode: placed.order.code.toLowerCase(),
      phone: "0812 3456 7891",
    });
    expect(answer).toEqual({ message: newLinkAnswer });
    const [row] = await outboxOf(placed.order.id);
    expect(row).toMatchObject({ channel: "whatsapp", recipient: "+6281234567891", status: "pending" });
    expect(row?.params).toMatchObject({ orderCode: placed.order.code, withOrderLink: true });
    const [job] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `select count(*)::int as n from graphile_worker._private_jobs where payload->>'outboxId' = $1`,
      row?.id,
    );
    expect(job?.n).toBe(1);
    expect(await liveOf(placed.order.id, "order_access")).toBe(0);
    expect(await resolveBrowserCredentials(db.prisma, [credential ?? ""])).toEqual([]);

    // A second request in the same window changes nothing: no second message, nothing more revoked.
    const fresh = await issueOrderAccessToken(db.prisma, placed.order.id);
    await requestNewOrderLink(db.prisma, { orderCode: placed.order.code, phone: "+62 812-3456-7891" });
    expect(await outboxOf(placed.order.id)).toHaveLength(1);
    expect(await resolveOrderAccessToken(db.prisma, fresh.token)).toEqual({ orderId: placed.order.id });
  });

  it("with a number that does not match answers the same and changes nothing", async () => {
    const placed = await newOrder();
    const answer = await requestNewOrderLink(db.prisma, {
      orderCode: placed.order.code,
      phone: "0812 9999 0000",
    });
    expect(answer).toEqual({ message: newLinkAnswer });
    expect(await outboxOf(placed.order.id)).toEqual([]);
    expect(await resolveOrderAccessToken(db.prisma, placed.token)).toEqual({ orderId: placed.order.id });
  });

  it("refuses a malformed code or number, naming the field", async () => {
    await expect(
      requestNewOrderLink(db.prisma, { orderCode: "NTP-XXXX", phone: "0812 3456 7891" }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "orderCode" } });
    const placed = await newOrder();
    await expect(
      requestNewOrderLink(db.prisma, { orderCode: placed.order.code, phone: "12" }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
      details: { field: "phone" },
    });
  });
});
