// The failed-jobs page's groups come from the signature the worker's job history stores when a job uses up its
// last attempt: jobs really fail in a real graphile-worker runner with the real job history attached.

import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { failedJobIdsOfGroup, listFailedGroups } from "@nitip/core";
import { runOnceAndRelease } from "@nitip/db/testing";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import type { WorkerEvents } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { PermanentJobError, runClassified } from "../src/job-control.ts";
import { createJobHistory } from "../src/job-history.ts";
import { graphileLogger } from "../src/logger.ts";
import { silentLog } from "./helpers.ts";

const db = useTestDatabase();

async function addJob(task: string, payload: object, maxAttempts: number) {
  const [row] = await db.prisma.$queryRaw<{ id: bigint }[]>`
    select id from graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json,
      max_attempts := ${maxAttempts})`;
  return String(row?.id);
}

/** Runs what is due once, with the worker's job history recording every run. */
async function runWithHistory() {
  const events = new EventEmitter() as WorkerEvents;
  const history = createJobHistory({ pool: db.pool, log: silentLog, flushMs: 60_000 });
  history.attach(events);
  await runOnceAndRelease({
    pgPool: db.pool,
    events,
    logger: graphileLogger(silentLog),
    noHandleSignals: true,
    taskList: {
      "test:lookup": (payload) => {
        const { orderId, timeout } = payload as { orderId?: string; timeout?: number };
        throw new Error(orderId ? `order "${orderId}" not found` : `timed out after ${timeout} ms`);
      },
      // Permanent on its first attempt of 25: the classification marks the run final.
      "test:permanent": (payload, helpers) =>
        runClassified(helpers, async () => {
          throw new PermanentJobError(`product ${(payload as { productId: string }).productId} was deleted`);
        }),
    },
  });
  await history.stop();
}

const signatures = async () =>
  (await listFailedGroups(db.prisma)).map((g) => [g.task, g.signature, g.count]).sort();

beforeAll(async () => {
  for (let i = 0; i < 3; i++) await addJob("test:lookup", { orderId: randomUUID() }, 1);
  for (let i = 0; i < 2; i++) await addJob("test:lookup", { timeout: 1000 + i }, 1);
  // Fails once, is retried later: its run is not final, and it is not on the failed page.
  await addJob("test:lookup", { timeout: 7 }, 2);
  for (let i = 0; i < 2; i++) await addJob("test:permanent", { productId: randomUUID() }, 25);
  await runWithHistory();
});

describe("failed groups from the stored signature", () => {
  it("stores one signature per final failure, the same as the rule computes from the job's last error", async () => {
    const runs = await db.prisma.$queryRaw<{ final: boolean; stored: string | null; computed: string }[]>`
      select r.final, r.error_signature as stored, job_error_signature(j.last_error) as computed
        from job_runs r join graphile_worker.jobs j on j.id = r.job_id
       order by r.id`;
    expect(runs).toHaveLength(8);
    expect(runs.filter((run) => !run.final).map((run) => run.stored)).toEqual([null]);
    for (const run of runs.filter((r) => r.final)) expect(run.stored).toBe(run.computed);
    expect(await signatures()).toEqual([
      ["test:lookup", "order <value> not found", 3],
      ["test:lookup", "timed out after <n> ms", 2],
      ["test:permanent", "product <id> was deleted", 2],
    ]);
  });

  it("reads the stored signature, and computes it only for a job failed without recorded history", async () => {
    // Proof that the page reads what history stored rather than recomputing it: change the stored value.
    await db.prisma.$executeRaw`
      update job_runs set error_signature = 'stored: ' || error_signature where task_identifier = 'test:permanent'`;
    expect(await signatures()).toContainEqual(["test:permanent", "stored: product <id> was deleted", 2]);
    const ids = await failedJobIdsOfGroup(db.prisma, {
      task: "test:permanent",
      signature: "stored: product <id> was deleted",
    });
    expect(ids).toHaveLength(2);

    // A job failed for good by hand (graphile-worker's own function): no final run, so the rule runs on
    // its last_error, and the group retry finds it by the same rule.
    const byHand = await addJob("test:lookup", { orderId: randomUUID() }, 25);
    await db.prisma.$queryRaw`
      select id from graphile_worker.permanently_fail_jobs(array[${byHand}::bigint], ${`order "${randomUUID()}" not found`})`;
    expect(await signatures()).toContainEqual(["test:lookup", "order <value> not found", 4]);
    const group = await failedJobIdsOfGroup(db.prisma, {
      task: "test:lookup",
      signature: "order <value> not found",
    });
    expect(group.map(String)).toContain(byHand);
    expect(group).toHaveLength(4);
  });
});
