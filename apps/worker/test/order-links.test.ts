// Magic links in WhatsApp messages, through the real providers and a WhatsApp look-alike on 127.0.0.1:
// the message never asks for a link preview (Meta would fetch the bearer link), and a send that fails never
// pushes the guest's delivered links out of the per-order cap.
import { accessKinds, issueOrderAccessToken, resolveOrderAccessToken } from "@nitip/core";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { enqueue } from "@nitip/jobs";
import { describe, expect, it } from "vitest";
import { createHostWithDraftTrip, createOrder, createOutboxRow } from "./fixtures.ts";
import { runDueJobs, testContext, useFakeWhatsApp } from "./helpers.ts";

const db = useTestDatabase();
const fake = useFakeWhatsApp(db, { pacing: "all" });

const meta = () =>
  testContext(db, {
    NOTIFY_PROVIDER: "meta",
    META_BASE_URL: fake.url,
    META_PHONE_NUMBER_ID: "1234",
    META_ACCESS_TOKEN: "test-token",
  });

async function queueLinkMessage(order: { id: string; code: string }) {
  const row = await createOutboxRow(db, {
    orderId: order.id,
    templateKey: "order.shipped",
    params: { orderCode: order.code, withOrderLink: true },
  });
  await enqueue(db.prisma, "notify:send", { outboxId: row.id });
  return row;
}

describe("WhatsApp messages with a magic link", () => {
  it("ask Meta for no link preview", async () => {
    const { trip } = await createHostWithDraftTrip(db);
    const order = await createOrder(db, trip.id);
    await queueLinkMessage(order);
    await runDueJobs(meta());
    const body = JSON.parse(fake.requests[0]?.body ?? "{}") as {
      text: { preview_url: boolean; body: string };
    };
    expect(body.text.body).toMatch(/http:\/\/localhost:3000\/o\/[A-Za-z0-9_-]{43}/);
    expect(body.text.preview_url).toBe(false);
  });

  it("that fails to send takes its link back and leaves the guest's delivered links live", async () => {
    const { trip } = await createHostWithDraftTrip(db);
    const order = await createOrder(db, trip.id);
    const delivered = [];
    for (let i = 0; i < accessKinds.link.liveCap; i++)
      delivered.push(await issueOrderAccessToken(db.prisma, order.id));
    await queueLinkMessage(order);
    fake.answer = "server-error";
    await runDueJobs(meta());
    expect(fake.requests).toHaveLength(1);
    for (const { token } of delivered) {
      expect(await resolveOrderAccessToken(db.prisma, token)).toEqual({ orderId: order.id });
    }
    expect(await db.prisma.guestAccessToken.count({ where: { orderId: order.id } })).toBe(delivered.length);
  });
});
