// `pnpm bench [scenario ...]`: Nitip's benchmark. Not a test: it measures and reports, it never fails on
// a timing. Starts its own durable embedded PostgreSQL in a temporary folder (or uses BENCH_DATABASE_URL,
// which must point at a throw-away database: the bench writes to it), migrates, runs the scenarios, prints a
// table and merges the figures into bench/results.json. Everything stops by itself, also on Ctrl-C.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { databaseUrl, type EmbeddedDatabase, startEmbeddedPostgres } from "../packages/db/src/embedded.ts";
import { deployMigrations } from "../packages/db/src/migrate/index.ts";
import { adminScale } from "./admin.ts";
import { runCleanups } from "./cleanup.ts";
import { flashSale } from "./flash-sale.ts";
import { jobLatency } from "./job-latency.ts";
import { jobsTrivial } from "./jobs-trivial.ts";
import {
  type Figure,
  formatTable,
  machineFacts,
  mergeResults,
  type Row,
  resultsPath,
  round,
  type Scenario,
  type ScenarioContext,
} from "./lib.ts";
import { notifyLog } from "./notify-log.ts";
import { ordersHttp } from "./orders-http.ts";
import { ordersSql } from "./orders-sql.ts";
import { pages } from "./pages.ts";
import { sweepOrders } from "./sweep.ts";

// Order matters a little: the HTTP run and its SQL ceiling run back to back on the same database.
const scenarios: Scenario[] = [
  ordersHttp,
  ordersSql,
  flashSale,
  pages,
  jobsTrivial,
  jobLatency,
  notifyLog,
  sweepOrders,
  adminScale,
];

const say = (message: string) => console.warn(`[bench] ${message}`);

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  say(`usage: pnpm bench [${scenarios.map((s) => s.name).join(" | ")}] ...`);
  for (const scenario of scenarios) say(`  ${scenario.name.padEnd(12)} ${scenario.description}`);
  process.exit(0);
}
const unknown = requested.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length > 0) {
  say(`unknown scenario(s): ${unknown.join(", ")}; known: ${scenarios.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const selected = requested.length > 0 ? scenarios.filter((s) => requested.includes(s.name)) : scenarios;

let embedded: EmbeddedDatabase | undefined;
let dataDir: string | undefined;
let aborted = false;
let finished = false;

async function teardown(): Promise<void> {
  await runCleanups();
  await embedded?.stop().catch((error: unknown) => say(`stopping PostgreSQL: ${String(error)}`));
  embedded = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}

function onSignal(signal: NodeJS.Signals) {
  if (aborted) return;
  aborted = true;
  say(`${signal}: stopping the scenarios, the app and the database...`);
  const hardStop = setTimeout(() => process.exit(130), 20_000);
  hardStop.unref();
  void teardown().finally(() => process.exit(130));
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

async function prepareDatabase(): Promise<{ url: string; serverUrl: string | null }> {
  if (process.env.BENCH_DATABASE_URL) {
    say("Using BENCH_DATABASE_URL (a throw-away database: the bench writes to it).");
    await deployMigrations({ connectionString: process.env.BENCH_DATABASE_URL });
    return { url: process.env.BENCH_DATABASE_URL, serverUrl: null };
  }
  dataDir = await mkdtemp(path.join(tmpdir(), "nitip-bench-pg-"));
  embedded = await startEmbeddedPostgres({ dataDir, durable: true });
  say(`Embedded PostgreSQL on 127.0.0.1:${embedded.port}, durable (fsync on), data in ${dataDir}`);
  const admin = new pg.Client({ connectionString: embedded.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE nitip_bench`);
  await admin.end();
  const url = databaseUrl(embedded.url, "nitip_bench");
  await deployMigrations({ connectionString: url });
  return { url, serverUrl: embedded.url };
}

const rows: Row[] = [];
const failures: string[] = [];
try {
  const { url, serverUrl } = await prepareDatabase();
  const facts = await machineFacts(url);
  const command = `pnpm bench${requested.length ? ` ${requested.join(" ")}` : ""}`;
  say(
    `${facts.cores} cores (${facts.cpu}), ${facts.memoryGiB} GiB, Node ${facts.node}, PostgreSQL ${facts.postgres} ` +
      `(fsync=${facts.fsync}, synchronous_commit=${facts.synchronousCommit})`,
  );
  const ctx: ScenarioContext = {
    url,
    serverUrl,
    record: (row) => rows.push(row),
    log: (message) => say(`  ${message}`),
    get aborted() {
      return aborted;
    },
  };
  for (const scenario of selected) {
    if (aborted) break;
    say(`${scenario.name}: ${scenario.description}`);
    const started = performance.now();
    try {
      await scenario.run(ctx);
    } catch (error) {
      failures.push(scenario.name);
      console.error(`[bench] ${scenario.name} failed:`, error);
    } finally {
      await runCleanups();
    }
    say(`${scenario.name}: done in ${round((performance.now() - started) / 1000, 1)} s`);
  }

  const http = rows.find((row) => row.key === "orders_http_per_s")?.value;
  const ceiling = rows.find((row) => row.key === "orders_sql_ceiling_per_s")?.value;
  if (typeof http === "number" && typeof ceiling === "number" && ceiling > 0) {
    rows.push({
      key: "orders_http_ceiling_ratio",
      value: round(http / ceiling, 2),
      target: { op: ">=", value: 0.6 },
      note: "HTTP orders/s ÷ same-run SQL ceiling",
    });
  }

  const figures: Record<string, Figure> = Object.fromEntries(rows.map((row) => [row.key, row.value]));
  if (rows.length > 0) {
    figures.bench_machine = `${facts.cores} cores, Node ${facts.node}, PostgreSQL ${facts.postgres}, fsync=${facts.fsync}, synchronous_commit=${facts.synchronousCommit}`;
    figures.bench_ran_at = new Date().toISOString();
    await mergeResults(figures);
  }
  // The table goes to stdout (the only stdout output), so `pnpm bench > table.txt` keeps just the report.
  process.stdout.write(
    [
      "",
      `$ ${command}`,
      `machine: ${facts.cores} cores (${facts.cpu}), ${facts.memoryGiB} GiB RAM, Node ${facts.node}, ` +
        `PostgreSQL ${facts.postgres} (fsync=${facts.fsync}, synchronous_commit=${facts.synchronousCommit})` +
        `${serverUrl ? ", embedded, durable" : ", BENCH_DATABASE_URL"}`,
      "",
      formatTable(rows),
      "",
      failures.length ? `failed scenarios: ${failures.join(", ")}` : "",
      `figures merged into ${path.relative(process.cwd(), resultsPath) || resultsPath}`,
      "",
    ].join("\n"),
  );
  finished = true;
} catch (error) {
  console.error("[bench] setup failed:", error);
} finally {
  if (!aborted) await teardown();
}
process.exit(aborted ? 130 : finished && failures.length === 0 ? 0 : 1);
