// Hostile text at the public procedures, over HTTP through the production handler: whatever a client puts in
// a free-text field, the answer is never a 5xx, a refusal names the field, and a refused call stores nothing.
// HTTP rather than createCaller: the status code and the formatted message are what a client sees, and the
// handler's own parsing (superjson, batching) is part of what hostile input goes through.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTRPCContext } from "../src/server/api/trpc";
import { landOnOrderLink } from "../src/server/guest-access";
import { callOverHttp, createOpenTrip, placeInput } from "./helpers";

const db = useTestDatabase({ max: 6 });
let trip: { tripSlug: string; productId: string };
const context = () => createTRPCContext({ db: db.prisma });
const appBaseUrl = "http://localhost:3000";

// Characters that broke or polluted storage, mixed into ordinary text by the generators below.
const nasty = fc.constantFrom(
  "\u0000",
  "\ud800",
  "\udfff",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\u0007",
  "\u001b[31m",
  "\u202e",
  "\r\n",
  "\t",
  "\u3164",
  "'",
  '"',
  "\\",
  "😀",
  " ",
);
const hostileText = fc
  .array(fc.oneof(nasty, fc.string({ unit: "binary", maxLength: 8 }), fc.string({ maxLength: 8 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

type Field = "name" | "phone" | "shippingAddress" | "note" | "email" | "tripSlug" | "idempotencyKey";
const fields: Field[] = ["name", "phone", "shippingAddress", "note", "email", "tripSlug", "idempotencyKey"];

function withField(field: Field, value: string) {
  const input = placeInput(trip);
  if (field === "tripSlug" || field === "idempotencyKey") return { ...input, [field]: value };
  return { ...input, guest: { ...input.guest, [field]: value } };
}

const orderCount = () => db.prisma.order.count();

beforeAll(async () => {
  trip = await createOpenTrip(db.prisma, "hostile");
  // Unexpected failures are logged by the handler; a 5xx fails the property anyway.
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe("order.place with hostile text", () => {
  it("the known cases are refused with 400 naming the field, and nothing is stored", async () => {
    const cases: [Field, string, string][] = [
      ["name", "Ani\u0000", "guest.name: Name contains control characters; remove them."],
      ["name", "Ani \ud800", "guest.name: Name contains a broken character; type it again."],
      ["name", "\u200b\u200b\u200d", "guest.name: Enter your name."],
      ["name", "Ani\u0007\u001b[2J", "guest.name: Name contains control characters; remove them."],
      [
        "shippingAddress",
        "Jl. Braga\u0000 1",
        "guest.shippingAddress: Shipping address contains control characters; remove them.",
      ],
      ["note", "tolong \udc00", "guest.note: Note contains a broken character; type it again."],
    ];
    const before = await orderCount();
    for (const [field, value, message] of cases) {
      const answer = await callOverHttp(context, "order.place", withField(field, value));
      expect(answer.status, `${field}: ${JSON.stringify(value)}`).toBe(400);
      expect(answer.body.error?.json.message).toBe(message);
    }
    expect(await orderCount()).toBe(before);
    // Line breaks stay allowed where text spans lines.
    const multiLine = await callOverHttp(
      context,
      "order.place",
      withField("shippingAddress", "Jl. Braga 1\nBandung"),
    );
    expect(multiLine.status).toBe(200);
  });

  it("never answers 5xx, and a refusal stores nothing (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), hostileText, async (field, value) => {
        const before = await orderCount();
        const answer = await callOverHttp(context, "order.place", withField(field, value));
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 200) {
          const { order } = (answer.body.result?.data.json ?? {}) as { order: { id: string } };
          const row = await db.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
          // What was stored is well-formed text without control characters.
          for (const text of [row.guestName, row.shippingAddress, row.note ?? ""]) {
            expect(text.isWellFormed()).toBe(true);
            expect(text).not.toMatch(/(?![\t\n\r])\p{Cc}/u);
          }
          expect(row.guestName).not.toMatch(/[\t\r\n]/);
          expect(row.guestName.replace(/[\s\p{Cf}\u3164]/gu, "")).not.toBe("");
        } else {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.body.error?.json.message).toBeTruthy();
          expect(await orderCount()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("guest procedures with hostile text", () => {
  it("cancel never answers 5xx, and a refused reason leaves the order as it was (property)", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (reason) => {
        const placed = await callOverHttp(context, "order.place", placeInput(trip));
        const { token, order } = (placed.body.result?.data.json ?? {}) as {
          token: string;
          order: { code: string };
        };
        // The guest's browser: the cookie the magic-link landing sets.
        const landed = await landOnOrderLink({ db: db.prisma, token, headers: new Headers(), appBaseUrl });
        const cookie = landed.headers.get("set-cookie")?.split(";")[0] ?? "";
        const browser = () =>
          createTRPCContext({ db: db.prisma, headers: new Headers({ cookie }), appBaseUrl });
        const answer = await callOverHttp(browser, "guestOrder.cancel", { orderCode: order.code, reason });
        expect(answer.status).toBeLessThan(500);
        if (answer.status !== 200) {
          const order = await db.prisma.order.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
          expect(order.status).toBe("pending_dp");
          expect(await db.prisma.orderEvent.count({ where: { orderId: order.id } })).toBe(1);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("an order code or a token made of anything is answered, never 5xx (property)", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (orderCode, token) => {
        const answer = await callOverHttp(context, "guestOrder.get", { orderCode, token }, { method: "GET" });
        expect(answer.status).toBeLessThan(500);
        const landed = await landOnOrderLink({ db: db.prisma, token, headers: new Headers(), appBaseUrl });
        expect(landed.status).toBe(303);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

describe("admin procedures with a NUL character", () => {
  it("answer 400 saying what is wrong, never the database's 500", async () => {
    const admin = await db.prisma.user.create({
      data: { email: "hostile-admin@example.test", role: "admin" },
    });
    const asAdmin = () => createTRPCContext({ db: db.prisma, user: { id: admin.id, role: "admin" } });
    const cases: [string, unknown, string][] = [
      ["admin.failedGroups", { text: "quota\u0000" }, "Search text contains control characters"],
      ["admin.failedGroups", { task: "notify:send\u0000" }, "Task contains control characters"],
      [
        "admin.retry",
        { group: { task: "notify:send", signature: "boom\u0000" } },
        "The group's signature is not valid text.",
      ],
      [
        "admin.replay",
        { jobId: "1", payload: '{"outboxId":"\\u0000"}' },
        "The payload contains a NUL character.",
      ],
      ["admin.forceUnlock", { workerId: "w\u0000" }, "Worker id contains control characters"],
    ];
    for (const [path, input, message] of cases) {
      const answer = await callOverHttp(asAdmin, path, input, {
        method: path === "admin.failedGroups" ? "GET" : "POST",
      });
      expect(answer.status, path).toBe(400);
      expect(answer.body.error?.json.message).toContain(message);
    }
    expect(await db.prisma.adminAction.count()).toBe(0);
  });
});
