import { useTestDatabase } from "@nitip/db/testing/vitest";
import { job } from "@nitip/jobs";
import { describe, expect, it } from "vitest";
import { type NotificationToQueue, writeNotificationsAndJobs } from "../src/index.ts";

const db = useTestDatabase({ max: 4 });

async function notifyJobsFor(dedupePrefix: string) {
  const [row] = await db.prisma.$queryRaw<{ n: bigint }[]>`
    select count(*) as n from graphile_worker._private_jobs j
    join notification_outbox o on o.id::text = j.payload->>'outboxId'
    where o.dedupe_key like ${`${dedupePrefix}%`}`;
  return Number(row?.n ?? 0);
}

const message = (key: string): NotificationToQueue => ({
  channel: "whatsapp",
  recipient: "+6281234567891",
  templateKey: "order.placed",
  params: { orderCode: "NTP-7K3QX9-M" },
  dedupeKey: key,
});

describe("writeNotificationsAndJobs", () => {
  it("inserts new rows with one notify job each, skips repeated dedupe keys (no job), and adds extra jobs", async () => {
    expect(await writeNotificationsAndJobs(db.prisma, [message("t1:a"), message("t1:b")])).toBe(2);
    expect(await notifyJobsFor("t1:")).toBe(2);
    const tripId = "5b0f3c8e-1c1e-4d59-9a57-0d3c2b1f6a11";
    expect(
      await writeNotificationsAndJobs(
        db.prisma,
        [message("t1:a"), message("t1:c")],
        [job("trip:published", { tripId }, { jobKey: `t1:${tripId}` })],
      ),
    ).toBe(1);
    expect(await notifyJobsFor("t1:")).toBe(3);
    expect(await db.prisma.notificationOutbox.count({ where: { dedupeKey: { startsWith: "t1:" } } })).toBe(3);
    const [extra] = await db.prisma.$queryRaw<{ n: bigint }[]>`
      select count(*) as n from graphile_worker._private_jobs where key = ${`t1:${tripId}`}`;
    expect(extra?.n).toBe(1n);
    // Only repeats: nothing inserted and no add_jobs call at all.
    expect(await writeNotificationsAndJobs(db.prisma, [message("t1:a")])).toBe(0);
    expect(await notifyJobsFor("t1:")).toBe(3);
  });
});
