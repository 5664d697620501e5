// Issue 2, part 7: one thin job thread through every layer. publishTrip writes a row and enqueues a job in one
// transaction; the real worker runs it; an invalid payload fails for good with zod's message.
import { publishTrip } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { describe, expect, it } from "vitest";
import { createHostWithDraftTrip } from "./fixtures.ts";
import { jobs, makeJobsDue, runDueJobs, testContext } from "./helpers.ts";

const db = useTestDatabase();

describe("the thin job thread", () => {
  it("leaves no job when the publishing transaction rolls back", async () => {
    const { trip } = await createHostWithDraftTrip(db);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.trip.update({ where: { id: trip.id }, data: { status: "open" } });
        await enqueue(tx, "trip:published", { tripId: trip.id });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await jobs(db, "trip:published")).toHaveLength(0);
    // And publishTrip itself, refused (not the host's trip), leaves none either.
    await expect(
      publishTrip(db.prisma, { tripId: trip.id, hostUserId: crypto.randomUUID() }),
    ).rejects.toThrow();
    expect(await jobs(db, "trip:published")).toHaveLength(0);
  });

  it("leaves exactly one job when publishTrip commits, and the worker processes it", async () => {
    const { trip, user } = await createHostWithDraftTrip(db);
    await publishTrip(db.prisma, { tripId: trip.id, hostUserId: user.id });
    const pending = await jobs(db, "trip:published");
    expect(pending).toHaveLength(1);
    expect(pending[0]?.max_attempts).toBe(5);

    await runDueJobs(testContext(db));
    expect(await jobs(db, "trip:published")).toHaveLength(0);
    const runs = await db.prisma.jobRun.findMany({ where: { taskIdentifier: "trip:published" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      outcome: "success",
      attempt: 1,
      maxAttempts: 5,
      payload: { tripId: trip.id },
    });
  });

  it("fails a job with an invalid payload at once, with zod's message, and never retries it", async () => {
    await db.prisma.$queryRawUnsafe(
      `select graphile_worker.add_job('trip:published', '{"tripId": "not-a-uuid"}'::json, max_attempts := 5)`,
    );
    const ctx = testContext(db);
    await runDueJobs(ctx);
    const [failed] = await jobs(db, "trip:published");
    expect(failed).toBeDefined();
    expect(failed?.last_error).toMatch(/Invalid payload/);
    expect(failed?.last_error).toMatch(/tripId/);
    expect(failed?.attempts).toBe(failed?.max_attempts);

    // Even when made due again, a permanently failed job is not picked up.
    await makeJobsDue(db);
    await runDueJobs(ctx);
    const [after] = await jobs(db, "trip:published");
    expect(after?.attempts).toBe(5);
    const runs = await db.prisma.jobRun.findMany({
      where: { taskIdentifier: "trip:published", outcome: "failure" },
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ final: true });
    expect(runs[0]?.errorStack).toContain("PermanentJobError");
  });
});
