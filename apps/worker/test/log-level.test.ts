// The worker's log at the production level: a successful job is not a line at info (job_runs has the run),
// a failed job still is an error line. Real worker, real graphile-worker, real database.
import { Writable } from "node:stream";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";
import { startWorker } from "../src/worker.ts";
import { testEnv, waitFor } from "./helpers.ts";

const db = useTestDatabase();

it("logs a successful job only at debug and a failed one at error, and records both in job_runs", async () => {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const env = testEnv(db, { LOG_LEVEL: "info", JOB_HISTORY_FLUSH_MS: "50" });
  const worker = await startWorker({
    env,
    db,
    log: createLogger(env.LOG_LEVEL, sink),
    noCron: true,
    extraTasks: {
      "test:ok": async () => {},
      "test:fail": async () => {
        throw new Error("boom");
      },
    },
  });
  try {
    await db.pool.query(`select graphile_worker.add_job('test:ok', '{}'::json)`);
    await db.pool.query(`select graphile_worker.add_job('test:fail', '{}'::json, max_attempts := 1)`);
    await waitFor(async () => {
      const { rows } = await db.pool.query<{ n: number }>("select count(*)::int as n from job_runs");
      return rows[0]?.n === 2;
    }, "both runs in job_runs");
  } finally {
    await worker.stop();
  }
  const jobLines = lines.filter((line) => / task \d+ \(test:/.test(line.msg));
  expect(jobLines.map((line) => [line.level, line.msg.split(" (")[0]])).toEqual([
    [50, expect.stringMatching(/^Failed task \d+$/)],
  ]);
});
