// Jobs no worker can run are counted, next to per-task counts, against graphile-worker's real tables.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { countJobsByTask, countJobsWithoutWorker, enqueue } from "../src/index.ts";

const db = useTestDatabase();

describe("queue health", () => {
  it("counts jobs whose task no worker knows, and every task's waiting, running and failed jobs", async () => {
    expect(await countJobsWithoutWorker(db.prisma)).toBe(0);
    await db.prisma.$transaction((tx) =>
      enqueue(tx, "trip:published", { tripId: "5b0f3c8e-1c1e-4d59-9a57-0d3c2b1f6a11" }),
    );
    // Added straight through graphile-worker, as a stray script or an old deploy would.
    await db.prisma.$executeRawUnsafe("select graphile_worker.add_job('order:expire', '{}'::json)");
    await db.prisma.$executeRawUnsafe("select graphile_worker.add_job('order:expire', '{}'::json)");
    await db.prisma.$executeRawUnsafe(
      "select graphile_worker.add_job('notify:send', '{}'::json, max_attempts => 1)",
    );
    // One known job used its only attempt; one is locked by a worker right now.
    await db.prisma.$executeRawUnsafe(
      `update graphile_worker._private_jobs set attempts = 1, last_error = 'boom'
        where task_id = (select id from graphile_worker._private_tasks where identifier = 'notify:send')`,
    );
    await db.prisma.$executeRawUnsafe(
      `update graphile_worker._private_jobs set locked_at = now(), locked_by = 'w1'
        where task_id = (select id from graphile_worker._private_tasks where identifier = 'trip:published')`,
    );

    expect(await countJobsWithoutWorker(db.prisma)).toBe(2);
    expect(await countJobsByTask(db.prisma)).toEqual({
      "notify:send": { waiting: 0, running: 0, failed: 1, known: true },
      "order:expire": { waiting: 2, running: 0, failed: 0, known: false },
      "trip:published": { waiting: 0, running: 1, failed: 0, known: true },
    });
  });
});
