// Test helpers: a worker environment pointed at the file's test database, a one-shot run of the real task
// list, and a small WhatsApp-provider look-alike on 127.0.0.1 (Fonnte and Meta shapes) whose answer each test
// chooses: 200, 429, 5xx, invalid number, or hang.
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { runOnceAndRelease } from "@nitip/db/testing";
import type { TestDatabase } from "@nitip/db/testing/vitest";
import type { WorkerEvents } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { WorkerContext } from "../src/context.ts";
import { loadEnv, type WorkerEnv } from "../src/env.ts";
import { createJobHistory } from "../src/job-history.ts";
import { graphileLogger } from "../src/logger.ts";
import { guardPool } from "../src/pool.ts";
import { createProviders } from "../src/providers/index.ts";
import { createTaskList } from "../src/tasks/index.ts";

export const silentLog = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

export function testEnv(db: TestDatabase, overrides: Record<string, string> = {}): WorkerEnv {
  return loadEnv({ NODE_ENV: "test", DATABASE_URL: db.url, NOTIFY_PROVIDER: "log", ...overrides });
}

export function testContext(db: TestDatabase, overrides: Record<string, string> = {}): WorkerContext {
  const env = testEnv(db, overrides);
  guardPool(db.pool, silentLog);
  return { db, env, log: silentLog, providers: createProviders(env, silentLog) };
}

/** Runs every job that is due, once, with the real task list (graphile-worker's runOnce), recording history. */
export async function runDueJobs(
  ctx: WorkerContext,
  options: Parameters<typeof createTaskList>[1] = {},
): Promise<void> {
  const events = new EventEmitter() as WorkerEvents;
  const history = createJobHistory({ pool: ctx.db.pool, log: silentLog, flushMs: 60_000 });
  history.attach(events);
  await runOnceAndRelease({
    pgPool: ctx.db.pool,
    taskList: createTaskList(ctx, options),
    events,
    logger: graphileLogger(silentLog),
    noHandleSignals: true,
  });
  await history.stop();
}

export interface JobRow {
  id: string;
  task_identifier: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
  locked_by: string | null;
}

export function jobs(db: TestDatabase, task?: string): Promise<JobRow[]> {
  return db.prisma.$queryRawUnsafe<JobRow[]>(
    `select id::text, task_identifier, attempts, max_attempts, last_error, run_at, locked_by
       from graphile_worker.jobs ${task ? "where task_identifier = $1" : ""} order by id`,
    ...(task ? [task] : []),
  );
}

/** Makes every pending job due now (instead of waiting out a backoff). */
export async function makeJobsDue(db: TestDatabase): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    "update graphile_worker._private_jobs set run_at = now() where locked_at is null",
  );
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type FakeAnswer = "ok" | "rate-limited" | "server-error" | "leaky-error" | "invalid-number" | "hang";

/** What a "leaky-error" answer quotes back: personal data and a magic-link token that must not be logged. */
export const leaked = {
  phone: "+6281234567890",
  email: "ani.leak@example.com",
  token: "Zk3vQ9xT2mR7pL4sW8nB1cY6hJ0fD5gA3eU7iO2kq_-",
};

export interface FakeRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FakeWhatsApp {
  url: string;
  requests: FakeRequest[];
  /** The answer to give next (default "ok"); or a function of the request number. */
  answer: FakeAnswer | ((index: number) => FakeAnswer);
  /** Resolves when the n-th request (1-based) has arrived. */
  received(n: number): Promise<void>;
  /** Answers every hanging request with 200 and stops hanging. */
  releaseHanging(): void;
  close(): Promise<void>;
}

/** Speaks both Fonnte (`POST /send`) and Meta (`POST /<phone-id>/messages`). */
export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const hanging: ServerResponse[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const fake: FakeWhatsApp = {
    url: "",
    requests: [],
    answer: "ok",
    received: (n) =>
      fake.requests.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    releaseHanging() {
      fake.answer = "ok";
      for (const res of hanging.splice(0)) reply(res, "/send", "ok", 0);
    },
    close: async () => {
      for (const res of hanging.splice(0)) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  const reply = (res: ServerResponse, path: string, answer: FakeAnswer, index: number) => {
    const meta = path.endsWith("/messages");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    switch (answer) {
      case "ok":
        return meta
          ? json(200, { messaging_product: "whatsapp", messages: [{ id: `wamid.${index}` }] })
          : json(200, {
              status: true,
              id: [String(1000 + index)],
              process: "pending",
              detail: "success! message in queue",
            });
      case "rate-limited":
        return meta
          ? json(429, { error: { code: 130429, message: "Rate limit hit" } })
          : json(429, { status: false, reason: "rate limit" });
      case "server-error":
        return json(503, { error: { code: 2, message: "Service temporarily unavailable" } });
      case "leaky-error":
        return json(503, {
          error: {
            code: 2,
            message: `cannot deliver to ${leaked.phone} (${leaked.email}): http://localhost:3000/o/${leaked.token}`,
          },
        });
      case "invalid-number":
        return meta
          ? json(400, { error: { code: 131026, message: "Message undeliverable" } })
          : json(200, { status: false, reason: "invalid target" });
      case "hang":
        hanging.push(res);
        return;
    }
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const index = fake.requests.length;
      fake.requests.push({ path: req.url ?? "", headers: req.headers, body });
      for (const waiter of waiters.filter((w) => fake.requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = typeof fake.answer === "function" ? fake.answer(index) : fake.answer;
      reply(res, req.url ?? "", answer, index);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/**
 * One WhatsApp look-alike for a test file, started before its tests and closed after them; before each test
 * it answers "ok" again, forgets its requests, and the queue and the pacing slots (`pacing`: all of them, or
 * only the global ones) are emptied. The returned object stands for the running fake.
 */
export function useFakeWhatsApp(db: TestDatabase, options: { pacing: "all" | "global" }): FakeWhatsApp {
  let started: FakeWhatsApp | undefined;
  const running = () => {
    if (!started) throw new Error("the fake WhatsApp starts in beforeAll");
    return started;
  };
  beforeAll(async () => {
    started = await startFakeWhatsApp();
  });
  afterAll(() => running().close());
  beforeEach(async () => {
    running().answer = "ok";
    running().requests.length = 0;
    await db.prisma.$executeRawUnsafe("delete from graphile_worker._private_jobs");
    await db.prisma.notificationPacing.deleteMany(
      options.pacing === "global" ? { where: { recipient: { startsWith: "global:" } } } : undefined,
    );
  });
  return new Proxy({} as FakeWhatsApp, {
    get: (_, key) => Reflect.get(running(), key),
    set: (_, key, value) => Reflect.set(running(), key, value),
  });
}
