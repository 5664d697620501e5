// The built Next app under test: built if missing or older than its sources, then `next start` on a free
// loopback port against the bench database, stopped (its process group) when the scenario ends.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
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
  /** CPU time (user + system, ms) used so far by the `next start` process tree. */
  cpuMs(): number;
  /** Stops the process group (also done at cleanup). */
  stop(): Promise<void>;
}

/**
 * `next start` against `databaseUrl`; resolves when /api/health answers 200. `extraEnv`: bench-only switches
 * for this process (e.g. NITIP_PLACEMENT_TIMING=1).
 */
export async function startWeb(
  databaseUrl: string,
  log: (message: string) => void,
  extraEnv: Record<string, string> = {},
  /** Receives the server's stderr lines starting with `[placement-timing]`; the others pass through. */
  onTimingLine?: (line: string) => void,
): Promise<WebServer> {
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
      stdio: ["ignore", "ignore", onTimingLine ? "pipe" : "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        DIRECT_URL: databaseUrl,
        APP_BASE_URL: baseUrl,
        NEXTAUTH_SECRET: randomBytes(24).toString("hex"), // required in production; nothing signs in here
        // Every bench request comes from 127.0.0.1: the placement and token-lookup limits still cost their
        // round trips, but are set out of reach so the scenarios measure the work, not refusals.
        RATE_LIMIT_PLACEMENT_PER_IP: "100000000/1m",
        RATE_LIMIT_PLACEMENT_PER_PHONE: "100000000/1m",
        RATE_LIMIT_TOKEN_LOOKUP_PER_IP: "100000000/1m",
        ...extraEnv,
      },
    },
  );
  if (onTimingLine && child.stderr) {
    createInterface({ input: child.stderr }).on("line", (line) => {
      if (line.startsWith("[placement-timing] ")) onTimingLine(line.slice("[placement-timing] ".length));
      else process.stderr.write(`${line}\n`);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped) process.kill(-child.pid, "SIGKILL");
  };
  onCleanup(stop);
  const cpuMs = () => (child.pid === undefined ? Number.NaN : processGroupCpuMs(child.pid));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        log(`next start on ${baseUrl} (pid ${child.pid})`);
        return { baseUrl, child, cpuMs, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer at ${baseUrl}/api/health within 60 s`);
}

let clockTicks: number | undefined;

/**
 * User + system CPU milliseconds of every live process in process group `pgid` (the `next start` tree: it is
 * started detached, so it leads its own group), plus the time of children they have reaped, from /proc.
 */
export function processGroupCpuMs(pgid: number): number {
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    // cutime cstime ...
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return (ticks * 1000) / clockTicks;
}
