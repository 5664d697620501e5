// The built Next app under test: built if missing or older than its sources, then `next start` on a free
// loopback port against the bench database, stopped (its process group) when the scenario ends.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { freePort } from "../packages/db/src/embedded.ts";
import { onCleanup } from "./cleanup.ts";
import { repoRoot, sleep } from "./lib.ts";

const webDir = path.join(repoRoot, "apps/web");
const buildIdFile = path.join(webDir, ".next/BUILD_ID");
const sourceDirs = ["apps/web/src", "packages/core/src", "packages/db/src", "packages/jobs/src"].map((dir) =>
  path.join(repoRoot, dir),
);

function newestSource(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildReason(): string | null {
  if (process.env.BENCH_SKIP_BUILD === "1") return null;
  if (!existsSync(buildIdFile)) return "apps/web/.next is missing";
  if (process.env.BENCH_BUILD === "1") return "BENCH_BUILD=1";
  const built = statSync(buildIdFile).mtimeMs;
  const newest = Math.max(...sourceDirs.map(newestSource));
  return newest > built ? "sources changed since the last build" : null;
}

async function runToEnd(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<void> {
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "inherit", "inherit"] });
  const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}`);
}

export async function ensureWebBuild(log: (message: string) => void): Promise<void> {
  const reason = buildReason();
  if (!reason) return;
  log(`building the web app (${reason}): pnpm --filter @nitip/web build`);
  await runToEnd(
    "pnpm",
    ["--filter", "@nitip/web", "build"],
    { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    600_000,
  );
}

export interface WebServer {
  baseUrl: string;
  child: ChildProcess;
}

/** `next start` against `databaseUrl`; resolves when /api/health answers 200. */
export async function startWeb(databaseUrl: string, log: (message: string) => void): Promise<WebServer> {
  await ensureWebBuild(log);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const require = createRequire(path.join(webDir, "package.json"));
  const nextCli = require.resolve("next/dist/bin/next");
  const child = spawn(
    process.execPath,
    [nextCli, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: webDir,
      detached: true, // its own process group, so the stop reaches anything it forks
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        DIRECT_URL: databaseUrl,
        APP_BASE_URL: baseUrl,
        // Every bench request comes from 127.0.0.1: the per-address limit still costs its round trip on each
        // placement, but is set out of reach so the scenarios measure placement, not refusals.
        RATE_LIMIT_PLACEMENT_PER_IP: "100000000/1m",
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped) process.kill(-child.pid, "SIGKILL");
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        log(`next start on ${baseUrl} (pid ${child.pid})`);
        return { baseUrl, child };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer at ${baseUrl}/api/health within 60 s`);
}
