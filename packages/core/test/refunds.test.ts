// Refund owed on every path that ends an order, DP and full-payment trips, with the amounts written out.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  acceptPayment,
  cancelOrder,
  createLocalProofStorage,
  expireUnpaidOrder,
  issueFinalInvoice,
  placeOrder,
  rejectPayment,
  rejectUnvalidatedOrder,
  submitDownPaymentProof,
  submitFinalPaymentProof,
} from "../src/index.ts";
import { createHostWithTrip, files, guestInput, stockOf } from "./fixtures.ts";

const db = useTestDatabase();
let storage: ReturnType<typeof createLocalProofStorage>;
beforeAll(async () => {
  storage = createLocalProofStorage({ directory: await mkdtemp(path.join(tmpdir(), "nitip-proofs-")) });
});

type Stage = "placed" | "dp_submitted" | "dp_accepted" | "final_submitted" | "paid";
type Ending = "guest_cancel" | "host_cancel" | "expiry" | "host_reject" | "auto_reject";

// One Rp 100.000 product. DP trip: DP Rp 20.000; the final invoice adds Rp 15.000 shipping and Rp 5.000 other
// fees, so the final payment is Rp 100.000. Full trip: the "DP" is the whole Rp 100.000.
const paths: { trip: "dp" | "full"; stage: Stage; ending: Ending; owed: number }[] = [
  { trip: "dp", stage: "placed", ending: "guest_cancel", owed: 0 },
  { trip: "dp", stage: "placed", ending: "expiry", owed: 0 },
  { trip: "dp", stage: "dp_submitted", ending: "host_reject", owed: 20_000 },
  { trip: "dp", stage: "dp_submitted", ending: "auto_reject", owed: 20_000 },
  { trip: "dp", stage: "dp_accepted", ending: "host_cancel", owed: 20_000 },
  { trip: "dp", stage: "final_submitted", ending: "host_cancel", owed: 120_000 },
  { trip: "dp", stage: "final_submitted", ending: "auto_reject", owed: 120_000 },
  { trip: "dp", stage: "paid", ending: "host_cancel", owed: 120_000 },
  { trip: "full", stage: "placed", ending: "guest_cancel", owed: 0 },
  { trip: "full", stage: "placed", ending: "expiry", owed: 0 },
  { trip: "full", stage: "dp_submitted", ending: "host_reject", owed: 100_000 },
  { trip: "full", stage: "dp_submitted", ending: "auto_reject", owed: 100_000 },
  { trip: "full", stage: "paid", ending: "host_cancel", owed: 100_000 },
];

async function orderAt(paymentType: "dp" | "full", stage: Stage) {
  const fixture = await createHostWithTrip(db.prisma, {
    paymentType,
    products: [{ price: 100_000, stock: 3 }],
  });
  const productId = fixture.products[0]?.id ?? "";
  const host: Actor = { type: "host", id: fixture.user.id };
  const { order } = await placeOrder(db.prisma, guestInput(fixture.trip.id, [{ productId, quantity: 1 }]));
  const orderId = order.id;
  const steps: (() => Promise<unknown>)[] = [
    () => submitDownPaymentProof(db.prisma, storage, { orderId, file: files.png }),
    () => acceptPayment(db.prisma, { orderId, actor: host }),
    async () => {
      await issueFinalInvoice(db.prisma, { orderId, actor: host, shippingFee: 15_000, otherFees: 5_000 });
      await submitFinalPaymentProof(db.prisma, storage, { orderId, file: files.pdf });
    },
    () => acceptPayment(db.prisma, { orderId, actor: host }),
  ];
  const order_: Stage[] = ["placed", "dp_submitted", "dp_accepted", "final_submitted", "paid"];
  // A full trip is paid once its DP (the whole amount) is accepted.
  const upTo = paymentType === "full" && stage === "paid" ? 2 : order_.indexOf(stage);
  for (const step of steps.slice(0, upTo)) await step();
  return { orderId, productId, host };
}

async function end(ending: Ending, orderId: string, host: Actor) {
  const later = new Date(Date.now() + 3 * 86_400_000);
  if (ending === "guest_cancel") return cancelOrder(db.prisma, { orderId, actor: { type: "guest" } });
  if (ending === "host_cancel") return cancelOrder(db.prisma, { orderId, actor: host, reason: "Sold out" });
  if (ending === "host_reject")
    return rejectPayment(db.prisma, { orderId, actor: host, reason: "No transfer" });
  if (ending === "expiry") return expect(await expireUnpaidOrder(db.prisma, orderId, later)).toBe(true);
  return expect(await rejectUnvalidatedOrder(db.prisma, orderId, later)).toBe(true);
}

describe("refund owed", () => {
  it.each(paths)(
    "$trip trip, $stage, ended by $ending: owes $owed",
    async ({ trip, stage, ending, owed }) => {
      const { orderId, productId, host } = await orderAt(trip, stage);
      await end(ending, orderId, host);
      const after = await db.prisma.order.findUniqueOrThrow({
        where: { id: orderId },
        include: { payments: true },
      });
      expect(after.refundOwed).toBe(owed);
      // Nothing is left waiting for a validation that will never come, and the stock is back.
      expect(after.payments.filter((p) => p.status === "submitted")).toEqual([]);
      expect(await stockOf(db.prisma, productId)).toBe(3);
    },
  );
});
