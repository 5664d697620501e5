// With PostgreSQL stopped, procedures answer 503 with Retry-After and words a guest understands, not 500; when
// it is back, the web app serves again within a second, on its own. A real embedded PostgreSQL is stopped and
// started under a real context (pool, Prisma, rate limits, placement SQL), as `next start` would hold them.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, type Database } from "@nitip/db";
import { databaseUrl, type EmbeddedDatabase, startEmbeddedPostgres } from "@nitip/db/embedded";
import { deployMigrations } from "@nitip/db/migrate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTRPCContext } from "../src/server/api/trpc";
import { createRateLimits, rateLimitNames } from "../src/server/rate-limit";
import { callOverHttp, createOpenTrip, placeInput } from "./helpers";

let dataDir = "";
let port = 0;
let server: EmbeddedDatabase;
let database: Database;
let trip: { tripSlug: string; productId: string };

// Durable: a throw-away cluster deletes its data when stopped, and this one must come back with its rows.
const start = () => startEmbeddedPostgres({ dataDir, port });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "nitip-outage-pg-"));
  server = await start();
  port = server.port;
  const url = databaseUrl(server.url, "postgres");
  await deployMigrations({ connectionString: url });
  database = createDatabase(url, { max: 5 });
  trip = await createOpenTrip(database.prisma, "outage");
}, 120_000);

afterAll(async () => {
  await database?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function context() {
  const roomy = { points: 1_000, durationSeconds: 60 };
  const rateLimits = createRateLimits(database.pool, {
    limits: Object.fromEntries(rateLimitNames.map((name) => [name, roomy])) as never,
    trustProxyHops: 0,
  });
  return () => createTRPCContext({ db: database.prisma, rateLimits, requestId: "req-outage" });
}

const calls = () => {
  const ctx = context();
  return [
    () => callOverHttp(ctx, "trip.bySlug", { slug: trip.tripSlug }, { method: "GET" }),
    () => callOverHttp(ctx, "order.place", placeInput(trip)),
    () => callOverHttp(ctx, "guestOrder.get", { orderCode: "NTP-HG68PT-F" }, { method: "GET" }),
  ];
};

describe("a database outage", () => {
  it("answers 503 when PostgreSQL refuses the connection for too many connections", async () => {
    // A role allowed no connections gets SQLSTATE 53300, as every role does when the server is full.
    await database.pool.query("create role crowded login password 'crowded' connection limit 0");
    const url = new URL(databaseUrl(server.url, "postgres"));
    url.username = "crowded";
    url.password = "crowded";
    const crowded = createDatabase(url.toString(), { max: 1 });
    try {
      const answer = await callOverHttp(
        () => createTRPCContext({ db: crowded.prisma }),
        "trip.bySlug",
        { slug: trip.tripSlug },
        { method: "GET" },
      );
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
    } finally {
      await crowded.close();
    }
  });

  it("answers 503 with Retry-After while PostgreSQL is down, and serves again within a second of its return", async () => {
    expect((await calls()[1]?.())?.status).toBe(200);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await server.stop();
    for (let round = 0; round < 2; round++) {
      for (const call of calls()) {
        const answer = await call();
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toBe("5");
        expect(answer.body.error?.json.message).toBe(
          "Nitip cannot reach its database right now. Please try again in a few seconds.",
        );
      }
    }
    server = await start();
    const back = Date.now();
    let answer = await calls()[1]?.();
    while (answer?.status !== 200 && Date.now() - back < 5_000) answer = await calls()[1]?.();
    errors.mockRestore();
    expect(answer?.status).toBe(200);
    expect(Date.now() - back).toBeLessThan(1_000);
  });
});
