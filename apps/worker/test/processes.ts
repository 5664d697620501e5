// Real worker processes (`node src/main.ts`) for the crash, shutdown and side-by-side tests.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  output: string[];
  /** Resolves when a log line contains `text`. */
  logged(text: string): Promise<void>;
  pid: number;
}

const workerRoot = path.resolve(import.meta.dirname, "..");

export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const { DATABASE_URL: _a, DIRECT_URL: _b, ...inherited } = process.env;
  const child = spawn(process.execPath, ["src/main.ts"], {
    cwd: workerRoot,
    env: { ...inherited, NODE_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      output.push(line);
      for (const waiter of waiters.filter((w) => line.includes(w.text))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    exited,
    output,
    pid: child.pid ?? -1,
    logged: (text) =>
      output.some((line) => line.includes(text))
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ text, resolve })),
  };
}
