// Rows the tests need, written straight through Prisma.
import { randomUUID } from "node:crypto";
import type { TestDatabase } from "@nitip/db/testing/vitest";

export async function createHostWithDraftTrip(db: TestDatabase) {
  const suffix = randomUUID().slice(0, 8);
  const user = await db.prisma.user.create({ data: { email: `host-${suffix}@example.com`, name: "Host" } });
  const host = await db.prisma.hostProfile.create({
    data: { userId: user.id, displayName: "Rina", slug: `rina-${suffix}`, whatsappNumber: "+6281100000001" },
  });
  const trip = await db.prisma.trip.create({
    data: {
      hostId: host.id,
      slug: `tokyo-${suffix}`,
      title: "Tokyo",
      destination: "Tokyo",
      startsOn: new Date("2027-01-10"),
      endsOn: new Date("2027-01-20"),
      orderDeadline: new Date("2027-01-05T00:00:00Z"),
    },
  });
  return { user, host, trip };
}

export async function createOrder(
  db: TestDatabase,
  tripId: string,
  data: { guestPhone?: string; status?: "pending_dp" } = {},
) {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  return db.prisma.order.create({
    data: {
      code: `NTP-${suffix}-X`,
      tripId,
      status: data.status ?? "pending_dp",
      guestName: "Ani",
      guestPhone: data.guestPhone ?? "+6281200000002",
      shippingAddress: "Jl. Mawar 1, Bandung",
      paymentType: "dp",
      subtotal: 500_000,
      dpAmount: 100_000,
      paymentDueAt: new Date(Date.now() + 30 * 60_000),
      idempotencyKey: randomUUID(),
      requestHash: "x",
    },
  });
}

export async function createOutboxRow(
  db: TestDatabase,
  data: {
    recipient?: string;
    templateKey?: string;
    orderId?: string;
    params?: Record<string, unknown>;
    channel?: "whatsapp" | "email";
  } = {},
) {
  return db.prisma.notificationOutbox.create({
    data: {
      channel: data.channel ?? "whatsapp",
      recipient:
        data.recipient ??
        `+62813${Math.floor(Math.random() * 1e8)
          .toString()
          .padStart(8, "0")}`,
      templateKey: data.templateKey ?? "host.trip_published",
      params: (data.params ?? { tripTitle: "Tokyo" }) as object,
      orderId: data.orderId ?? null,
      dedupeKey: `test:${randomUUID()}`,
    },
  });
}
