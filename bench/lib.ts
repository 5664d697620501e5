// Small shared helpers for the benchmark: timing, percentiles, the results file, the printed table.
import { existsSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { onCleanup } from "./cleanup.ts";

export const benchDir = import.meta.dirname;
export const repoRoot = path.resolve(benchDir, "..");
export const resultsPath = path.join(benchDir, "results.json");

export type Figure = number | string | boolean | null;

/** A figure with an optional target: the table prints `met` or `MISSED` next to it. */
export interface Row {
  key: string;
  value: Figure;
  unit?: string;
  target?: { op: ">=" | "<=" | "=="; value: number };
  note?: string;
}

export interface ScenarioContext {
  /** Connection string of the bench database (migrated, graphile-worker schema included). */
  url: string;
  /** The PostgreSQL server's maintenance URL, or null when BENCH_DATABASE_URL was given. */
  serverUrl: string | null;
  /** Records a figure; it goes to the table and to bench/results.json. */
  record(row: Row): void;
  log(message: string): void;
  /** Set by Ctrl-C: long loops check it and stop early. */
  readonly aborted: boolean;
}

export interface Scenario {
  name: string;
  description: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export const now = () => performance.now();

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  // Nearest-rank: the smallest sample with at least p% of samples at or below it.
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true, at most `timeoutMs`; returns whether it did. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 20,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

export function targetMet(row: Row): boolean | null {
  if (!row.target || typeof row.value !== "number" || Number.isNaN(row.value)) return null;
  const { op, value } = row.target;
  if (op === ">=") return row.value >= value;
  if (op === "<=") return row.value <= value;
  return row.value === value;
}

export function formatTable(rows: readonly Row[]): string {
  const lines = rows.map((row) => {
    const value = typeof row.value === "number" ? row.value.toLocaleString("en-US") : String(row.value);
    const met = targetMet(row);
    const target = row.target ? `${row.target.op} ${row.target.value.toLocaleString("en-US")}` : "";
    const verdict = met === null ? (row.target ? "n/a" : "") : met ? "met" : "MISSED";
    return [row.key, `${value}${row.unit ? ` ${row.unit}` : ""}`, target, verdict, row.note ?? ""];
  });
  const header = ["figure", "value", "target", "", "note"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] as string).length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)].join("\n");
}

/** Merges `figures` into bench/results.json, keeping keys written by other runs and scenarios. */
export async function mergeResults(figures: Record<string, Figure>): Promise<void> {
  let existing: Record<string, Figure> = {};
  if (existsSync(resultsPath)) {
    try {
      const parsed: unknown = JSON.parse(await readFile(resultsPath, "utf8"));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
        existing = parsed as Record<string, Figure>;
    } catch {
      // a corrupt file is replaced
    }
  }
  await writeFile(resultsPath, `${JSON.stringify({ ...existing, ...figures }, null, 2)}\n`);
}

export async function machineFacts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const settings = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings
        where name in ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections')`,
    );
    const pgSetting = Object.fromEntries(settings.rows.map((row) => [row.name, row.setting]));
    return {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      postgres: pgSetting.server_version ?? "unknown",
      fsync: pgSetting.fsync ?? "unknown",
      synchronousCommit: pgSetting.synchronous_commit ?? "unknown",
    };
  } finally {
    await client.end();
  }
}

/** Runs `count` tasks with at most `concurrency` in flight; each worker loop stops on abort. */
export async function runConcurrently(
  concurrency: number,
  count: number,
  task: (index: number, worker: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count && !shouldStop()) {
        const index = next++;
        await task(index, worker);
      }
    }),
  );
}

/** A pg pool closed with the scenario; a connection dropped by a stopping server is not a crash. */
export function newPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("error", (error) => console.error(`[bench] idle connection lost: ${error.message}`));
  onCleanup(() => pool.end());
  return pool;
}

function procTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

/**
 * CPU of the PostgreSQL server's processes (every backend and background process pg_stat_activity lists), for
 * a window: call the result's `stop()` at its end. Needs the server on this machine (/proc); NaN otherwise. A
 * backend that exits inside the window loses its share (the pools measured here stay connected).
 */
export async function postgresCpu(pool: pg.Pool) {
  const pids = async () =>
    (await pool.query<{ pid: number }>("select pid from pg_stat_activity")).rows.map((row) => row.pid);
  const before = new Map((await pids()).map((pid) => [pid, procTicks(pid)]));
  if ([...before.values()].every((ticks) => ticks === null)) return { stop: async () => Number.NaN };
  return {
    /** Milliseconds of CPU used by the server since the start (assumes 100 clock ticks per second). */
    stop: async () => {
      let ticks = 0;
      for (const pid of await pids()) ticks += (procTicks(pid) ?? 0) - (before.get(pid) ?? 0);
      return ticks * 10;
    },
  };
}
