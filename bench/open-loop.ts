// An open-loop HTTP client: requests are due at a fixed rate (request i at start + i / rate), whatever the
// server does. Latency runs from the time a request was DUE, not from when it could be sent, so a stalled
// server is not flattered by the client waiting politely (coordinated omission). At most `maxInFlight`
// requests are open at once (the load generator must stay bounded); a request that could not start on time
// (all connections busy, or the client's event loop late) is counted as a late start and its wait is in its
// latency.
import http from "node:http";
import { sleep } from "./lib.ts";

export interface OpenLoopOptions {
  baseUrl: string;
  path: string;
  body: () => string;
  ratePerSecond: number;
  seconds: number;
  maxInFlight: number;
  timeoutMs: number;
  onAnswer?: (status: number, text: string) => void;
  shouldStop?: () => boolean;
}

export interface OpenLoopResult {
  scheduled: number;
  /** Latency (ms) from each request's due time to its complete answer, status 200 only. */
  okLatencies: number[];
  failed: number;
  /** Requests that started more than `lateAfterMs` after they were due. */
  lateStarts: number;
  maxLateMs: number;
  lateAfterMs: number;
}

const lateAfterMs = 2;

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const total = Math.round(options.ratePerSecond * options.seconds);
  const interval = 1000 / options.ratePerSecond;
  const result: OpenLoopResult = {
    scheduled: total,
    okLatencies: [],
    failed: 0,
    lateStarts: 0,
    maxLateMs: 0,
    lateAfterMs,
  };
  let inFlight = 0;
  const open = new Set<Promise<void>>();

  const send = (due: number) => {
    const late = performance.now() - due;
    if (late > lateAfterMs) result.lateStarts++;
    result.maxLateMs = Math.max(result.maxLateMs, late);
    const payload = options.body();
    inFlight++;
    const done = new Promise<void>((resolve) => {
      const finish = (status: number, text: string) => {
        inFlight--;
        if (status === 200) result.okLatencies.push(performance.now() - due);
        else result.failed++;
        options.onAnswer?.(status, text);
        resolve();
      };
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: options.path,
          method: "POST",
          agent,
          timeout: options.timeoutMs,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => finish(response.statusCode ?? 0, Buffer.concat(chunks).toString()));
          response.on("error", (error) => finish(0, error.message));
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", (error) => finish(0, error.message));
      request.end(payload);
    });
    open.add(done);
    void done.then(() => open.delete(done));
  };

  const start = performance.now();
  let next = 0;
  while (next < total && !options.shouldStop?.()) {
    const due = start + next * interval;
    const now = performance.now();
    if (due > now) {
      await sleep(Math.max(0, Math.min(due - now, 50) - 0.5));
      continue;
    }
    if (inFlight >= options.maxInFlight) {
      await sleep(0.5);
      continue;
    }
    send(due);
    next++;
  }
  await Promise.all(open);
  agent.destroy();
  return result;
}
