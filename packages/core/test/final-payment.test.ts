// The final payment: the invoice's stored components and bounds, the reminder's amount, and the final proof's
// own validation deadline (job, reminder to the host, auto-reject).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  acceptPayment,
  createLocalProofStorage,
  issueFinalInvoice,
  placeOrder,
  queueDueReminders,
  rejectOverdueValidations,
  renderNotification,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "../src/index.ts";
import { createHostWithTrip, files, guestInput, jobsFor, stockOf } from "./fixtures.ts";

const db = useTestDatabase();
let storage: ReturnType<typeof createLocalProofStorage>;
beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-proofs-")) });
});

/** A DP order of one Rp 250.000 product (DP Rp 50.000) whose DP the host accepted. */
async function acceptedDpOrder(price = 250_000) {
  const fixture = await createHostWithTrip(db.prisma, { products: [{ price, stock: 5 }] });
  const productId = fixture.products[0]?.id ?? "";
  const host: Actor = { type: "host", id: fixture.user.id };
  const placed = await placeOrder(db.prisma, guestInput(fixture.trip.id, [{ productId, quantity: 1 }]));
  const orderId = placed.order.id;
  await submitDownPaymentProof(db.prisma, storage, { orderId, file: files.png });
  await acceptPayment(db.prisma, { orderId, actor: host });
  return { ...fixture, productId, host, orderId, placed };
}

describe("final invoice", () => {
  it("stores every component, so the invoice can be shown again, and the amount they make", async () => {
    const { orderId, host } = await acceptedDpOrder();
    const issued = await issueFinalInvoice(db.prisma, {
      orderId,
      actor: host,
      shippingFee: 20_000,
      otherFees: 7_500,
    });
    expect(issued).toMatchObject({
      subtotal: 250_000,
      dpAmount: 50_000,
      shippingFee: 20_000,
      otherFees: 7_500,
    });
    const row = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row).toMatchObject({ shippingFee: 20_000, otherFees: 7_500, finalAmount: 227_500 });
    // The database refuses an amount its stored components do not make.
    await expect(db.prisma.order.update({ where: { id: orderId }, data: { otherFees: 0 } })).rejects.toThrow(
      /orders_final_amount_from_components/,
    );
  });

  it("an invoice whose total would not fit is refused in words naming the field, and nothing changes", async () => {
    const { orderId, host } = await acceptedDpOrder(2_100_000_000);
    const before = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await expect(
      issueFinalInvoice(db.prisma, { orderId, actor: host, shippingFee: 40_000_000, otherFees: 10_000_000 }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("lower the shipping or other fees"),
      details: { field: "otherFees" },
    });
    await expect(
      issueFinalInvoice(db.prisma, { orderId, actor: host, shippingFee: 100_000_001 }),
    ).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "shippingFee" } });
    expect(await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toEqual(before);
  });
});

describe("final payment reminder", () => {
  it("tells the guest what is left after the DP: Rp 220.000 on a Rp 250.000 order with Rp 20.000 shipping", async () => {
    const { orderId, host } = await acceptedDpOrder();
    const { finalDueAt } = await issueFinalInvoice(db.prisma, { orderId, actor: host, shippingFee: 20_000 });
    const now = new Date(finalDueAt.getTime() - 3_600_000);
    await queueDueReminders(db.prisma, { dpMinutes: 10, finalHours: 24, proofHours: 6 }, now);
    const reminder = await db.prisma.notificationOutbox.findFirstOrThrow({
      where: { orderId, templateKey: "order.final_reminder" },
    });
    expect(reminder.params).toMatchObject({ amount: 220_000 });
    const text = renderNotification(reminder.templateKey, reminder.params as Record<string, unknown>).text;
    expect(text).toMatch(/Rp\s220\.000/);
    expect(text).not.toContain("170.000");
  });
});

describe("final proof deadline", () => {
  it("gets its own validation deadline, job and host reminder, and is auto-rejected with everything owed back", async () => {
    const { orderId, host, productId, placed } = await acceptedDpOrder();
    await issueFinalInvoice(db.prisma, { orderId, actor: host, shippingFee: 20_000 });
    const submitted = await submitFinalPaymentProof(db.prisma, storage, { orderId, file: files.pdf });
    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.validationDueAt).toEqual(submitted.validationDueAt);
    // 24 h (the default validation window) from the database's clock at submission.
    expect(submitted.validationDueAt.getTime() - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    expect(submitted.validationDueAt.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
    const deadlineJobs = (await jobsFor(db.prisma, orderId)).filter((j) => j.key?.endsWith(":deadline"));
    expect(deadlineJobs).toEqual([
      {
        task_identifier: "order:validation-timeout",
        key: `order:${orderId}:deadline`,
        run_at: submitted.validationDueAt,
      },
    ]);

    const remindAt = new Date(submitted.validationDueAt.getTime() - 3_600_000);
    await queueDueReminders(db.prisma, { dpMinutes: 10, finalHours: 1, proofHours: 6 }, remindAt);
    const hostReminder = await db.prisma.notificationOutbox.findFirstOrThrow({
      where: {
        templateKey: "host.proofs_waiting",
        recipient: "+6281234567890",
        dedupeKey: { contains: submitted.validationDueAt.toISOString() },
      },
    });
    expect(hostReminder.params).toMatchObject({ count: 1, dueAt: submitted.validationDueAt.toISOString() });

    expect(await rejectOverdueValidations(db.prisma, { now: remindAt })).not.toContain(orderId);
    const later = new Date(submitted.validationDueAt.getTime() + 1);
    expect(await rejectOverdueValidations(db.prisma, { now: later })).toContain(orderId);
    const after = await db.prisma.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { payments: true },
    });
    // DP Rp 50.000 accepted + final Rp 220.000 claimed: the host did not look in time and keeps none of it.
    expect(after).toMatchObject({ status: "rejected", refundOwed: 270_000 });
    expect(after.payments.map((p) => [p.kind, p.status]).sort()).toEqual([
      ["dp", "accepted"],
      ["final", "rejected"],
    ]);
    expect(await stockOf(db.prisma, productId)).toBe(5);
    expect(placed.order.dpAmount).toBe(50_000);
  });
});
