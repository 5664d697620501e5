// Deadline jobs, the overdue sweep (two at once), reminders and maintenance, against the real order engine.
import { randomUUID } from "node:crypto";
import { issueOrderAccessToken, placeOrder } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { beforeEach, describe, expect, it } from "vitest";
import { createHostWithDraftTrip } from "./fixtures.ts";
import { runDueJobs, testContext } from "./helpers.ts";

const db = useTestDatabase();

async function openTripWithProduct(stock: number) {
  const { trip } = await createHostWithDraftTrip(db);
  await db.prisma.trip.update({
    where: { id: trip.id },
    data: { status: "open", orderDeadline: new Date(Date.now() + 86_400_000) },
  });
  const product = await db.prisma.product.create({
    data: { tripId: trip.id, name: "Kit Kat Matcha", price: 50_000, stockAvailable: stock },
  });
  return { trip, product };
}

async function place(tripId: string, productId: string, quantity = 1) {
  const placed = await placeOrder(db.prisma, {
    trip: { id: tripId },
    idempotencyKey: randomUUID(),
    guest: {
      name: "Sari",
      phone: `0812${Math.floor(Math.random() * 1e8)
        .toString()
        .padStart(8, "0")}`,
      shippingAddress: "Jl. Merdeka 1, Bandung",
    },
    items: [{ productId, quantity }],
  });
  return placed.order.id;
}

const stock = async (productId: string) =>
  (await db.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stockAvailable;

async function makeOverdue(orderIds: string[]) {
  await db.prisma.order.updateMany({
    where: { id: { in: orderIds } },
    data: { paymentDueAt: new Date(Date.now() - 60_000) },
  });
}

// placeOrder schedules its own jobs; each test runs exactly the jobs it is about.
const clearJobs = () => db.prisma.$executeRawUnsafe("delete from graphile_worker._private_jobs");
beforeEach(clearJobs);

describe("order:expire-dp", () => {
  it("expires an overdue unpaid order once, releases its stock, and notifies; a repeat changes nothing", async () => {
    const { trip, product } = await openTripWithProduct(10);
    const orderId = await place(trip.id, product.id, 2);
    expect(await stock(product.id)).toBe(8);
    await clearJobs();
    await makeOverdue([orderId]);

    await enqueue(db.prisma, "order:expire-dp", { orderId });
    await runDueJobs(testContext(db));
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      status: "expired",
    });
    expect(await stock(product.id)).toBe(10);
    const expiredNotice = await db.prisma.notificationOutbox.findFirstOrThrow({
      where: { orderId, templateKey: "order.expired" },
    });
    expect(expiredNotice.status).toBe("sent");

    await enqueue(db.prisma, "order:expire-dp", { orderId });
    await runDueJobs(testContext(db));
    expect(await stock(product.id)).toBe(10);
    expect(await db.prisma.orderEvent.count({ where: { orderId, toStatus: "expired" } })).toBe(1);
  });

  it("leaves an order alone whose deadline has not passed", async () => {
    const { trip, product } = await openTripWithProduct(5);
    const orderId = await place(trip.id, product.id);
    await enqueue(db.prisma, "order:expire-dp", { orderId });
    await runDueJobs(testContext(db));
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({
      status: "pending_dp",
    });
  });
});

describe("sweep:overdue-orders", () => {
  it("catches up in batches, and two sweeps running at once expire each order exactly once", async () => {
    const { trip, product } = await openTripWithProduct(20);
    const orderIds: string[] = [];
    for (let i = 0; i < 7; i++) orderIds.push(await place(trip.id, product.id));
    expect(await stock(product.id)).toBe(13);
    await clearJobs();
    await makeOverdue(orderIds);

    await enqueue(db.prisma, "sweep:overdue-orders", {});
    await enqueue(db.prisma, "sweep:overdue-orders", {});
    const sweep = { batchSize: 2, parallel: 2, budgetMs: 30_000 };
    await Promise.all([runDueJobs(testContext(db), { sweep }), runDueJobs(testContext(db), { sweep })]);

    const orders = await db.prisma.order.findMany({ where: { id: { in: orderIds } } });
    expect(orders.every((order) => order.status === "expired")).toBe(true);
    expect(
      await db.prisma.orderEvent.count({ where: { orderId: { in: orderIds }, toStatus: "expired" } }),
    ).toBe(7);
    expect(await stock(product.id)).toBe(20);
  });
});

describe("reminders:send-due", () => {
  it("reminds a guest whose DP is due soon, once, however often it runs", async () => {
    const { trip, product } = await openTripWithProduct(5);
    const orderId = await place(trip.id, product.id);
    await clearJobs();
    await db.prisma.order.update({
      where: { id: orderId },
      data: { paymentDueAt: new Date(Date.now() + 5 * 60_000) },
    });
    await enqueue(db.prisma, "reminders:send-due", {});
    await runDueJobs(testContext(db));
    await enqueue(db.prisma, "reminders:send-due", {});
    await runDueJobs(testContext(db));
    const reminders = await db.prisma.notificationOutbox.findMany({
      where: { orderId, templateKey: "order.dp_reminder" },
    });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.status).toBe("sent");
  });
});

describe("maintenance:cleanup", () => {
  it("prunes expired tokens, old sent outbox rows and old job history, and keeps the rest", async () => {
    const { trip, product } = await openTripWithProduct(5);
    const orderId = await place(trip.id, product.id);
    await issueOrderAccessToken(db.prisma, orderId, { expiresAt: new Date(Date.now() - 30 * 86_400_000) });
    const old = new Date(Date.now() - 90 * 86_400_000);
    await db.prisma.notificationOutbox.create({
      data: {
        channel: "whatsapp",
        recipient: "+6281",
        templateKey: "order.placed",
        dedupeKey: `old:${randomUUID()}`,
        status: "sent",
        sentAt: old,
      },
    });
    const keptPending = await db.prisma.notificationOutbox.create({
      data: {
        channel: "whatsapp",
        recipient: "+6281",
        templateKey: "order.placed",
        dedupeKey: `old:${randomUUID()}`,
        createdAt: old,
      },
    });
    await db.prisma.jobRun.create({
      data: {
        jobId: 1n,
        taskIdentifier: "trip:published",
        attempt: 1,
        maxAttempts: 5,
        startedAt: old,
        durationMs: 1,
        outcome: "success",
      },
    });
    await clearJobs();
    const tokensBefore = await db.prisma.guestAccessToken.count({ where: { orderId } });

    await enqueue(db.prisma, "maintenance:cleanup", {});
    await runDueJobs(testContext(db));

    expect(await db.prisma.guestAccessToken.count({ where: { orderId } })).toBe(tokensBefore - 1);
    expect(await db.prisma.notificationOutbox.count({ where: { sentAt: old } })).toBe(0);
    expect(await db.prisma.notificationOutbox.count({ where: { id: keptPending.id } })).toBe(1);
    expect(await db.prisma.jobRun.count({ where: { startedAt: old } })).toBe(0);
  });
});
