// Trips: creating with the field rules, editing, and draft -> open -> closed -> completed (or cancelled) with
// the rules about the deadline and orders in progress.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { createTrip, moveTrip, type TripInput, updateTrip, type WorkspaceActor } from "../src/index.ts";
import { createHostWithTrip, orderIn, refusal } from "./fixtures.ts";

const db = useTestDatabase();
const day = 86_400_000;

function tripInput(overrides: Partial<TripInput> = {}): TripInput {
  return {
    title: "Jastip Tokyo Desember",
    destination: "Tokyo",
    startsOn: new Date("2030-12-01"),
    endsOn: new Date("2030-12-10"),
    orderDeadline: new Date(Date.now() + 3 * day),
    paymentType: "dp",
    dpPercent: 30,
    dpWindowMinutes: 60,
    ...overrides,
  };
}

async function hostActor(): Promise<WorkspaceActor> {
  const { user } = await createHostWithTrip(db.prisma);
  return { type: "host", id: user.id };
}

describe("createTrip and updateTrip", () => {
  it("creates a draft with a readable unique link; a full-payment trip has no DP percent", async () => {
    const actor = await hostActor();
    const a = await createTrip(db.prisma, { actor, trip: tripInput() });
    const b = await createTrip(db.prisma, { actor, trip: tripInput({ paymentType: "full", dpPercent: 40 }) });
    expect(a).toMatchObject({ status: "draft", dpPercent: 30, dpWindowMinutes: 60, paymentType: "dp" });
    expect(a.slug).toMatch(/^jastip-tokyo-desember-[0-9a-f]{4}$/);
    expect(b.slug).not.toBe(a.slug);
    expect(b).toMatchObject({ paymentType: "full", dpPercent: null });
  });

  it.each([
    [{ title: "ab" }, "title"],
    [{ endsOn: new Date("2030-11-30") }, "endsOn"],
    [{ orderDeadline: new Date(Date.now() - 60_000) }, "orderDeadline"],
    [{ orderDeadline: new Date("2030-12-12") }, "orderDeadline"],
    [{ dpPercent: 5 }, "dpPercent"],
    [{ dpWindowMinutes: 5 }, "dpWindowMinutes"],
  ] as const)("refuses %j naming the field %s and stores nothing", async (overrides, field) => {
    const actor = await hostActor();
    const before = await db.prisma.trip.count();
    expect(await refusal(createTrip(db.prisma, { actor, trip: tripInput(overrides) }))).toMatchObject({
      code: "BAD_INPUT",
      field,
    });
    expect(await db.prisma.trip.count()).toBe(before);
  });

  it("edits a trip; another host gets NOT_FOUND and changes nothing", async () => {
    const actor = await hostActor();
    const other = await hostActor();
    const trip = await createTrip(db.prisma, { actor, trip: tripInput() });
    const edited = await updateTrip(db.prisma, {
      actor,
      tripId: trip.id,
      trip: tripInput({ title: "Tokyo & Osaka" }),
    });
    expect(edited.title).toBe("Tokyo & Osaka");
    expect(
      await refusal(
        updateTrip(db.prisma, { actor: other, tripId: trip.id, trip: tripInput({ title: "Mine now" }) }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect((await db.prisma.trip.findUniqueOrThrow({ where: { id: trip.id } })).title).toBe("Tokyo & Osaka");
  });
});

describe("moveTrip", () => {
  it("goes draft -> open (with one trip:published job) -> closed -> completed", async () => {
    const actor = await hostActor();
    const trip = await createTrip(db.prisma, { actor, trip: tripInput() });
    const opened = await moveTrip(db.prisma, { actor, tripId: trip.id, action: "publish" });
    expect(opened).toMatchObject({ status: "open" });
    expect(opened.publishedAt).toBeInstanceOf(Date);
    const jobs = await db.prisma.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from graphile_worker.jobs where task_identifier = 'trip:published'
        and created_at >= ${trip.createdAt}`;
    expect(jobs[0]?.n).toBeGreaterThanOrEqual(1);
    expect((await moveTrip(db.prisma, { actor, tripId: trip.id, action: "close" })).status).toBe("closed");
    expect((await moveTrip(db.prisma, { actor, tripId: trip.id, action: "complete" })).status).toBe(
      "completed",
    );
    expect(await refusal(moveTrip(db.prisma, { actor, tripId: trip.id, action: "cancel" }))).toMatchObject({
      code: "INVALID_TRANSITION",
      message: "This trip is completed; only a draft or open or closed trip can be cancelled.",
    });
  });

  it("cannot open a trip whose order deadline has passed", async () => {
    const actor = await hostActor();
    const trip = await createTrip(db.prisma, { actor, trip: tripInput() });
    const later = new Date(Date.now() + 4 * day);
    expect(
      await refusal(moveTrip(db.prisma, { actor, tripId: trip.id, action: "publish", now: later })),
    ).toMatchObject({
      code: "DEADLINE_PASSED",
      field: "orderDeadline",
    });
    expect((await db.prisma.trip.findUniqueOrThrow({ where: { id: trip.id } })).status).toBe("draft");
  });

  it("cannot complete or cancel with orders in progress, nor complete with a refund still owed", async () => {
    const { user, trip, products } = await createHostWithTrip(db.prisma);
    const actor: WorkspaceActor = { type: "host", id: user.id };
    const product = products[0]?.id ?? "";
    const paid = await orderIn(db.prisma, trip.id, product, "paid");
    await moveTrip(db.prisma, { actor, tripId: trip.id, action: "close" });
    for (const action of ["complete", "cancel"] as const) {
      expect(await refusal(moveTrip(db.prisma, { actor, tripId: trip.id, action }))).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("1 order(s) of this trip are still in progress"),
      });
    }
    await db.prisma.order.update({
      where: { id: paid.id },
      data: { status: "rejected", refundOwed: 50_000 },
    });
    expect(await refusal(moveTrip(db.prisma, { actor, tripId: trip.id, action: "complete" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("still owe the guest a refund"),
    });
    await db.prisma.order.update({ where: { id: paid.id }, data: { status: "refunded" } });
    expect((await moveTrip(db.prisma, { actor, tripId: trip.id, action: "complete" })).status).toBe(
      "completed",
    );
  });

  it("lets exactly one of two racing closes win", async () => {
    const actor = await hostActor();
    const trip = await createTrip(db.prisma, { actor, trip: tripInput() });
    await moveTrip(db.prisma, { actor, tripId: trip.id, action: "publish" });
    const results = await Promise.allSettled([
      moveTrip(db.prisma, { actor, tripId: trip.id, action: "close" }),
      moveTrip(db.prisma, { actor, tripId: trip.id, action: "close" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    expect((lost as PromiseRejectedResult).reason.code).toMatch(/CONFLICT|INVALID_TRANSITION/);
  });

  it("gives another host NOT_FOUND and an admin access", async () => {
    const actor = await hostActor();
    const other = await hostActor();
    const trip = await createTrip(db.prisma, { actor, trip: tripInput() });
    expect(
      await refusal(moveTrip(db.prisma, { actor: other, tripId: trip.id, action: "publish" })),
    ).toMatchObject({
      code: "NOT_FOUND",
      message: "No such trip among your trips.",
    });
    const admin = await db.prisma.user.create({
      data: { email: `admin-${trip.id}@example.test`, role: "admin" },
    });
    const opened = await moveTrip(db.prisma, {
      actor: { type: "admin", id: admin.id },
      tripId: trip.id,
      action: "publish",
    });
    expect(opened.status).toBe("open");
  });
});
