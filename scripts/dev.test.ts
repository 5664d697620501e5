// `pnpm dev` keeps the app up when the worker dies: it starts a new worker and leaves the web app and the
// database alone, and Ctrl-C still stops everything. Runs the real script (a throw-away database, a free
// port); its `next dev` takes the checkout's .next/dev lock, so a `pnpm dev` of the same checkout must not run.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { freePort } from "../packages/db/src/embedded.ts";

const root = path.resolve(import.meta.dirname, "..");
let dev: ChildProcess | undefined;
let output = "";

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    if (dev?.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Waited in vain for ${what}. pnpm dev said:\n${output}`);
}

const workerPids = () =>
  [...output.matchAll(/Worker running \(pid (\d+)\)/g)].map((match) => Number(match[1]));
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const answers = (url: string) =>
  fetch(url).then(
    (response) => response.ok || undefined,
    () => undefined,
  );

afterEach(async () => {
  if (!dev || dev.exitCode !== null) return;
  const exited = new Promise((resolve) => dev?.once("exit", resolve));
  dev.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
});

function startDev(port: number, extraEnv: NodeJS.ProcessEnv = {}) {
  const { DATABASE_URL: _url, DIRECT_URL: _direct, ...env } = process.env;
  output = "";
  const child = spawn(process.execPath, ["scripts/dev.ts", "--fresh", "--port", String(port)], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  dev = child;
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exitCode = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exitCode };
}

test("a worker that dies is started again; the web app keeps answering; SIGTERM stops all", async () => {
  const port = await freePort();
  const { child, exitCode } = startDev(port);
  const health = `http://localhost:${port}/api/health`;

  const first = await waitFor("the worker", () => workerPids()[0]);
  await waitFor("the web app", () => answers(health));

  process.kill(first, "SIGKILL"); // as a crash or the OOM killer would: not a signal from pnpm dev
  await waitFor("the worker to be gone", () => !isAlive(first) || undefined);
  expect(await answers(health)).toBe(true);

  const second = await waitFor("a new worker", () => workerPids()[1]);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(isAlive(second)).toBe(true); // it stays up: it started against the same, running database
  expect(await answers(health)).toBe(true);
  expect(output).not.toContain("stopping everything");

  child.kill("SIGTERM");
  expect(await exitCode).toBe(0);
  expect(isAlive(second)).toBe(false);
  expect(await answers(health)).toBeUndefined();
}, 300_000);

test("a worker that keeps failing at start stops pnpm dev at its sixth quick exit in a row", async () => {
  const { exitCode } = startDev(await freePort(), { WORKER_CONCURRENCY: "0" }); // refused by the worker's env check
  expect(await exitCode).toBe(1);
  expect(workerPids()).toHaveLength(6);
  expect(output).toMatch(
    /worker exited \(1\), its 6th exit in a row within a minute of starting; stopping everything/,
  );
  for (const pid of workerPids()) expect(isAlive(pid)).toBe(false);
}, 240_000);
