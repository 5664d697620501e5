// The health check against a live database, a refused connection and a server that never answers; what the
// public sees (up/down only) and what an operator holding the monitoring token sees.
import { createServer, type Socket } from "node:net";
import { createDatabase } from "@nitip/db";
import { freePort } from "@nitip/db/embedded";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { checkDatabase, isOperator, operatorHealth, publicHealth } from "../src/server/health";

const live = useTestDatabase({ max: 2 });

describe("checkDatabase", () => {
  it("is up when the database answers", async () => {
    expect(await checkDatabase(live.pool)).toEqual({ up: true });
  });

  it("is down with the reason when nothing listens at the database address", async () => {
    const dead = createDatabase(`postgresql://nitip:nitip@127.0.0.1:${await freePort()}/nitip`, { max: 1 });
    try {
      expect(await checkDatabase(dead.pool)).toEqual({
        up: false,
        error: expect.stringMatching(/ECONNREFUSED/),
      });
    } finally {
      await dead.close();
    }
  });

  it("is down after the timeout when the database accepts but never answers", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    if (!address || typeof address === "string") throw new Error("silent server has no port");
    const hung = createDatabase(`postgresql://nitip:nitip@127.0.0.1:${address.port}/nitip`, { max: 1 });
    try {
      const started = Date.now();
      const check = await checkDatabase(hung.pool, 300);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(check).toEqual({ up: false, error: "the database did not answer within 300 ms" });
    } finally {
      // Hanging up makes the pending connect fail, so the pool can close.
      for (const socket of sockets) socket.destroy();
      silent.close();
      await hung.close();
    }
  });
});

describe("the public answer", () => {
  it("is up or down only; the database's error text goes to the log", async () => {
    const up = await publicHealth(live.pool);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "up" });

    const port = await freePort();
    const dead = createDatabase(`postgresql://nitip:secret-user@127.0.0.1:${port}/nitip`, { max: 1 });
    const logged: string[] = [];
    try {
      const down = await publicHealth(dead.pool, (line) => logged.push(line));
      expect(down.status).toBe(503);
      expect(down.headers.get("cache-control")).toBe("no-store");
      const body = await down.text();
      expect(JSON.parse(body)).toEqual({ status: "down" });
      expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|nitip/);
      expect(logged).toEqual([expect.stringContaining(`ECONNREFUSED 127.0.0.1:${port}`)]);
    } finally {
      await dead.close();
    }
  });
});

describe("the operator's view", () => {
  const token = "m".repeat(40);

  it("needs the configured bearer token", () => {
    const asking = (value?: string) => new Headers(value ? { authorization: value } : {});
    expect(isOperator(asking(`Bearer ${token}`), token)).toBe(true);
    expect(isOperator(asking(`Bearer ${token}x`), token)).toBe(false);
    expect(isOperator(asking(token), token)).toBe(false);
    expect(isOperator(asking(), token)).toBe(false);
    expect(isOperator(asking("Bearer "), undefined)).toBe(false);
  });

  it("names jobs no worker can run and counts each task", async () => {
    await live.prisma.$executeRawUnsafe("select graphile_worker.add_job('no:such-task', '{}'::json)");
    const report = await operatorHealth(live);
    expect(report).toEqual({
      status: "up",
      database: { up: true },
      jobs: {
        withoutWorker: 1,
        byTask: { "no:such-task": { waiting: 1, running: 0, failed: 0, known: false } },
      },
    });
  });

  it("gives the database's error when it is down", async () => {
    const dead = createDatabase(`postgresql://nitip:nitip@127.0.0.1:${await freePort()}/nitip`, { max: 1 });
    try {
      const report = await operatorHealth(dead);
      expect(report).toEqual({
        status: "down",
        database: { up: false, error: expect.stringMatching(/ECONNREFUSED/) },
        jobs: null,
      });
    } finally {
      await dead.close();
    }
  });
});
