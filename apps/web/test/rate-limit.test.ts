// Rate limits on PostgreSQL: shared by every web process, cut exactly at the limit under a real burst, and
// answered over HTTP as 429 with Retry-After and words.
import { createDatabase, type Database } from "@nitip/db";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTRPCContext } from "../src/server/api/trpc";
import { clientIp } from "../src/server/client-ip";
import {
  createRateLimits,
  type Limit,
  RateLimitedError,
  type RateLimitName,
  rateLimitNames,
} from "../src/server/rate-limit";
import { callOverHttp, createOpenTrip, placeInput } from "./helpers";

const db = useTestDatabase({ max: 10 });
const otherProcess: { database?: Database } = {};

function limitsOf(overrides: Partial<Record<RateLimitName, Limit>>) {
  const roomy = { points: 1_000, durationSeconds: 60 };
  return Object.fromEntries(rateLimitNames.map((name) => [name, overrides[name] ?? roomy])) as Record<
    RateLimitName,
    Limit
  >;
}

beforeAll(() => {
  otherProcess.database = createDatabase(db.url, { max: 10 });
});
afterAll(async () => {
  await otherProcess.database?.close();
});

describe("the shared limiter", () => {
  it("cuts a burst from one address at the limit across two processes' limiters", async () => {
    const limits = limitsOf({ tokenLookupPerIp: { points: 10, durationSeconds: 60 } });
    // Two limiters on two pools: what two web processes would hold.
    const a = createRateLimits(db.pool, { limits, trustProxyHops: 0 });
    const b = createRateLimits(otherProcess.database?.pool ?? db.pool, { limits, trustProxyHops: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).consume("tokenLookupPerIp", "203.0.113.7")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused).toHaveLength(30);
    for (const error of refused) {
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((error as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // Another address is counted on its own.
    await expect(a.consume("tokenLookupPerIp", "203.0.113.8")).resolves.toBeUndefined();
    // Keys are hashed: no address (or phone, or email) is stored.
    const keys = await db.pool.query<{ key: string }>("select key from rate_limits");
    expect(keys.rows.map((row) => row.key).join(" ")).not.toContain("203.0.113");
  });
});

describe("a blocked client", () => {
  it("is refused from memory, without a database round trip, until its window ends", async () => {
    let queries = 0;
    const counting = {
      query: (...args: Parameters<typeof db.pool.query>) => {
        queries++;
        return db.pool.query(...args);
      },
    } as unknown as typeof db.pool;
    const limits = createRateLimits(counting, {
      limits: limitsOf({ placementPerIp: { points: 3, durationSeconds: 60 } }),
      trustProxyHops: 0,
    });
    for (let i = 0; i < 3; i++) await limits.consume("placementPerIp", "198.51.100.77");
    expect(queries).toBe(3);
    for (let i = 0; i < 20; i++) {
      await expect(limits.consume("placementPerIp", "198.51.100.77")).rejects.toBeInstanceOf(
        RateLimitedError,
      );
    }
    expect(queries).toBe(3);
  });
});

describe("order.place over HTTP", () => {
  it("refuses the third order for one phone number, however it is written, with 429 and Retry-After", async () => {
    const trip = await createOpenTrip(db.prisma, "rl-phone");
    const rateLimits = createRateLimits(db.pool, {
      limits: limitsOf({ placementPerPhone: { points: 2, durationSeconds: 3600 } }),
      trustProxyHops: 0,
    });
    const context = () => createTRPCContext({ db: db.prisma, rateLimits, headers: new Headers(/* none */) });
    const spellings = ["+62 812-3333-4444", "081233334444", "62 812 3333 4444"];
    const answers = [];
    for (const phone of spellings) {
      answers.push(await callOverHttp(context, "order.place", placeInput(trip, { phone })));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    const refused = answers[2];
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(3_500);
    expect(refused?.body.error?.json.message).toBe(
      "Too many orders for this WhatsApp number. Please try again in 60 minutes.",
    );
    expect(await db.prisma.order.count({ where: { guestPhone: "+6281233334444" } })).toBe(2);
  });

  it("counts orders per client address from X-Forwarded-For", async () => {
    const trip = await createOpenTrip(db.prisma, "rl-ip");
    const rateLimits = createRateLimits(db.pool, {
      limits: limitsOf({ placementPerIp: { points: 3, durationSeconds: 600 } }),
      trustProxyHops: 1,
    });
    const from = (ip: string) => () =>
      createTRPCContext({ db: db.prisma, rateLimits, headers: new Headers({ "x-forwarded-for": ip }) });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const answer = await callOverHttp(
        from(`198.51.100.${i}, 192.0.2.1`), // the client's own entries vary; the proxy's does not
        "order.place",
        placeInput(trip, { phone: `+62 812-5555-00${10 + i}` }),
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const elsewhere = await callOverHttp(
      from("192.0.2.2"),
      "order.place",
      placeInput(trip, { phone: "+62 812-5555-0099" }),
    );
    expect(elsewhere.status).toBe(200);
  });
});

describe("guest token lookups over HTTP", () => {
  it("are limited per client address", async () => {
    const rateLimits = createRateLimits(db.pool, {
      limits: limitsOf({ tokenLookupPerIp: { points: 5, durationSeconds: 60 } }),
      trustProxyHops: 0,
    });
    const context = () =>
      createTRPCContext({
        db: db.prisma,
        rateLimits,
        headers: new Headers({ "x-forwarded-for": "192.0.2.50" }),
      });
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      const guess = `${"x".repeat(40)}${String(i).padStart(3, "0")}`;
      statuses.push(
        (await callOverHttp(context, "guestOrder.get", { token: guess }, { method: "GET" })).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
  });
});

describe("clientIp", () => {
  const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("takes the entry the trusted proxies wrote, never one the client added to its left", () => {
    expect(clientIp(headers("10.0.0.1"), 0)).toBe("10.0.0.1");
    expect(clientIp(headers("6.6.6.6, 10.0.0.1"), 1)).toBe("10.0.0.1");
    expect(clientIp(headers("6.6.6.6, 10.0.0.1, 172.16.0.2"), 2)).toBe("10.0.0.1");
    expect(clientIp(headers("10.0.0.1"), 3)).toBe("10.0.0.1");
    expect(clientIp(headers(), 0)).toBe("unknown");
  });
});
