// `pnpm dev`: the whole app on one command. Starts the database (embedded PostgreSQL in .data/, unless
// DATABASE_URL is set), migrates, seeds the demo data, then runs the web app and the worker together and
// stops all of them, the database last, on Ctrl-C. A worker that exits is started again.
//
//   node scripts/dev.ts [--prod] [--fresh] [--port 3000]
//     --prod   serve the built app (`next start`; run `pnpm --filter @nitip/web build` first)
//     --fresh  a throw-away database in a temporary folder (browser tests)
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase } from "../packages/db/src/client.ts";
import {
  databaseUrl,
  type EmbeddedDatabase,
  EmbeddedSetupError,
  startEmbeddedPostgres,
} from "../packages/db/src/embedded.ts";
import { deployMigrations } from "../packages/db/src/migrate/index.ts";
import { seedDemoData } from "../packages/db/src/seed/demo.ts";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    prod: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
  },
});
const port = Number(args.port);
const startedAt = performance.now();
const say = (message: string) => console.warn(`[nitip] ${message}`);

let embedded: EmbeddedDatabase | undefined;
const children = new Set<ChildProcess>();
let stopping = false;

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

async function startDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) {
    say("Using DATABASE_URL.");
    return process.env.DATABASE_URL;
  }
  const asked = path.join(root, ".data/postgres");
  embedded = await startEmbeddedPostgres({
    // --fresh: a throw-away cluster in a temporary folder, removed on exit.
    dataDir: args.fresh ? undefined : asked,
    port: args.fresh ? 0 : Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    durable: !args.fresh,
    // This script stops PostgreSQL itself, after the worker has finished its running jobs.
    stopOnSignal: false,
  });
  const inside = embedded.dataDir.startsWith(`${root}${path.sep}`);
  const where = inside ? path.relative(root, embedded.dataDir) : embedded.dataDir;
  const why =
    args.fresh || embedded.dataDir === asked ? "" : ": the postgres user cannot reach .data/postgres";
  say(`Embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${where}${why}).`);
  return ensureDatabase(embedded.url, "nitip");
}

/** Starts a child process; `onUnaskedExit` decides what an exit this script did not ask for means. */
function run(
  name: string,
  cwd: string,
  commandArgs: string[],
  env: NodeJS.ProcessEnv,
  onUnaskedExit: (reason: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, commandArgs, { cwd: path.join(root, cwd), env, stdio: "inherit" });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping) onUnaskedExit(`${name} exited (${signal ?? code})`);
  });
  return child;
}

const stopEverything = (reason: string) => {
  say(`${reason}; stopping everything.`);
  void shutdown(1);
};

/**
 * The worker exits on purpose when it can no longer work (its runner stopped, the database went away), counting
 * on a supervisor to start a new one: here, this script, after a short backoff. A worker that keeps dying soon
 * after it starts (bad settings, a crash at start) stops everything instead of looping, so its error stays on
 * screen; one that ran for a minute starts a fresh count.
 */
const maxQuickRestarts = 5;
function runWorker(env: NodeJS.ProcessEnv): void {
  let quickExits = 0; // in a row, each within a minute of its start
  const start = () => {
    const startedAt = Date.now();
    const child = run("worker", "apps/worker", ["src/main.ts"], env, (reason) => {
      quickExits = Date.now() - startedAt < 60_000 ? quickExits + 1 : 1;
      if (quickExits > maxQuickRestarts) {
        stopEverything(`${reason}, its ${quickExits}th exit in a row within a minute of starting`);
        return;
      }
      const delay = Math.min(500 * 2 ** (quickExits - 1), 8_000);
      say(`${reason}; restarting it in ${delay / 1000} s.`);
      setTimeout(() => stopping || start(), delay);
    });
    say(`Worker running (pid ${child.pid}).`);
  };
  start();
}

async function waitForWeb(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) throw new Error(`The web app did not answer at ${url} within 120 s.`);
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of children) child.kill("SIGTERM");
  // The worker lets running jobs finish within its own bound; don't wait forever on anyone.
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await embedded?.stop();
  process.exit(exitCode);
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  try {
    const url = await startDatabase();
    const applied = await deployMigrations({ connectionString: url });
    if (applied.length) say(`Applied migrations: ${applied.join(", ")}`);
    const database = createDatabase(url, { max: 2 });
    const { tripSlug } = await seedDemoData(database.prisma).finally(() => database.close());
    // Browser tests that must move a deadline (SQL) find the throw-away database here (playwright.config.ts).
    if (process.env.NITIP_DATABASE_URL_FILE) {
      await mkdir(path.dirname(process.env.NITIP_DATABASE_URL_FILE), { recursive: true });
      await writeFile(process.env.NITIP_DATABASE_URL_FILE, url, { mode: 0o600 });
    }

    const baseUrl = `http://localhost:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: url,
      DIRECT_URL: process.env.DIRECT_URL ?? url,
      APP_BASE_URL: process.env.APP_BASE_URL ?? baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const require = createRequire(path.join(root, "apps/web/package.json"));
    const nextCli = require.resolve("next/dist/bin/next");
    // Loopback only: a development server is nobody else's business.
    run(
      "web",
      "apps/web",
      [nextCli, args.prod ? "start" : "dev", "--port", String(port), "--hostname", "localhost"],
      {
        ...env,
        NODE_ENV: args.prod ? "production" : "development",
      },
      // Unlike the worker, the web app has no reason to exit by itself (a taken port, a broken config): a
      // restart would fail the same way, and a developer must see that the app is gone.
      stopEverything,
    );
    runWorker(env);

    await waitForWeb(`${baseUrl}/t/${tripSlug}`);
    if (!stopping) {
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
      say(`Ready in ${seconds} s.`);
      say(`  Trip page  ${baseUrl}/t/${tripSlug}`);
      say(`  Health     ${baseUrl}/api/health`);
      say("Ctrl-C stops the web app, the worker and the database.");
    }
  } catch (error) {
    // A setup problem with a known remedy is one line; anything else keeps its stack for debugging.
    console.error(error instanceof EmbeddedSetupError ? `[nitip] ${error.message}` : error);
    await shutdown(1);
  }
}

/**
 * Ctrl-C signals the terminal's whole process group, PostgreSQL included, which would then stop before the
 * worker had finished its running jobs. So the orchestrator runs in a process group of its own, and this
 * supervisor, which alone receives the terminal's signals, hands it a single SIGTERM.
 */
function supervise(): void {
  const orchestrator = spawn(process.execPath, process.argv.slice(1), {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, NITIP_DEV_ORCHESTRATOR: "1" },
  });
  const stop = () => orchestrator.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  orchestrator.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.env.NITIP_DEV_ORCHESTRATOR) await main();
else supervise();
