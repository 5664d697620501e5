import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { enqueue, enqueueAll, job } from "../src/index.ts";

const db = useTestDatabase();
const tripId = "5b0f3c8e-1c1e-4d59-9a57-0d3c2b1f6a11";

async function jobsNamed(name: string) {
  return db.prisma.$queryRawUnsafe<{ task_identifier: string; max_attempts: number; key: string | null }[]>(
    "select task_identifier, max_attempts, key from graphile_worker.jobs where task_identifier = $1",
    name,
  );
}

describe("enqueue", () => {
  it("adds nothing when the surrounding transaction rolls back", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await enqueue(tx, "trip:published", { tripId });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await jobsNamed("trip:published")).toHaveLength(0);
  });

  it("adds exactly one job with the catalog's max attempts when the transaction commits", async () => {
    await db.prisma.$transaction((tx) => enqueue(tx, "trip:published", { tripId }));
    const rows = await jobsNamed("trip:published");
    expect(rows).toEqual([{ task_identifier: "trip:published", max_attempts: 5, key: null }]);
  });

  it("adds several jobs in one call, and a later job with the same catalog key replaces the pending one", async () => {
    const orderId = "0c8a3a53-3d3b-4f49-8d7e-5a2b1f0e9c77";
    // The catalog spells the key of both deadline jobs; producers pass none.
    const key = `order:${orderId}:deadline`;
    const ids = await enqueueAll(db.prisma, [
      job("order:expire-dp", { orderId }, { runAt: new Date(Date.now() + 60_000) }),
      job("trip:published", { tripId }),
    ]);
    expect(ids).toHaveLength(2);
    await enqueue(db.prisma, "order:validation-timeout", { orderId });
    const rows = await db.prisma.$queryRawUnsafe<{ task_identifier: string }[]>(
      "select task_identifier from graphile_worker.jobs where key = $1",
      key,
    );
    expect(rows).toEqual([{ task_identifier: "order:validation-timeout" }]);
  });

  it("refuses a payload that does not match the catalog, naming the field", async () => {
    await expect(enqueue(db.prisma, "trip:published", { tripId: "not-a-uuid" })).rejects.toThrow(/tripId/);
  });
});
