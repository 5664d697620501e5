// The health check against a live database, a refused connection and a server that never answers.
import { createServer, type Socket } from "node:net";
import { createDatabase } from "@nitip/db";
import { freePort } from "@nitip/db/embedded";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { checkHealth } from "../src/server/health";

const live = useTestDatabase({ max: 2 });

describe("checkHealth", () => {
  it("is 200 ok/up when the database answers", async () => {
    expect(await checkHealth(live.pool)).toEqual({ status: 200, body: { status: "ok", database: "up" } });
  });

  it("is 503 with the reason when nothing listens at the database address", async () => {
    const dead = createDatabase(`postgresql://nitip:nitip@127.0.0.1:${await freePort()}/nitip`, { max: 1 });
    try {
      const report = await checkHealth(dead.pool);
      expect(report.status).toBe(503);
      expect(report.body).toMatchObject({ status: "error", database: "down" });
      expect(report.body).toHaveProperty("reason", expect.stringMatching(/ECONNREFUSED/));
    } finally {
      await dead.close();
    }
  });

  it("is 503 after the timeout when the database accepts but never answers", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    if (!address || typeof address === "string") throw new Error("silent server has no port");
    const hung = createDatabase(`postgresql://nitip:nitip@127.0.0.1:${address.port}/nitip`, { max: 1 });
    try {
      const started = Date.now();
      const report = await checkHealth(hung.pool, 300);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(report).toEqual({
        status: 503,
        body: { status: "error", database: "down", reason: "the database did not answer within 300 ms" },
      });
    } finally {
      // Hanging up makes the pending connect fail, so the pool can close.
      for (const socket of sockets) socket.destroy();
      silent.close();
      await hung.close();
    }
  });
});
