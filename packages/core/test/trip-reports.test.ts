// Per-trip views: participants, the shopping list's sums and the CSV export's content.
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  csvCell,
  placeOrder,
  tripOrdersCsv,
  tripParticipants,
  tripShoppingList,
  type WorkspaceActor,
} from "../src/index.ts";
import { createHostWithTrip, guestInput } from "./fixtures.ts";

const db = useTestDatabase();
let actor: WorkspaceActor;
let tripId = "";
let chips = "";
let mochi = "";

async function order(
  status: string,
  items: [string, number][],
  guest: { name: string; phone: string; note?: string },
) {
  const input = guestInput(
    tripId,
    items.map(([productId, quantity]) => ({ productId, quantity })),
  );
  const placed = await placeOrder(db.prisma, {
    ...input,
    guest: {
      ...input.guest,
      name: guest.name,
      phone: guest.phone,
      ...(guest.note ? { note: guest.note } : {}),
    },
  });
  await db.prisma.order.update({ where: { id: placed.order.id }, data: { status: status as never } });
  return placed.order;
}

beforeAll(async () => {
  const fixture = await createHostWithTrip(db.prisma, {
    products: [
      { price: 45_000, stock: null },
      { price: 120_000, stock: 50 },
    ],
  });
  actor = { type: "host", id: fixture.user.id };
  tripId = fixture.trip.id;
  chips = fixture.products[0]?.id ?? "";
  mochi = fixture.products[1]?.id ?? "";
  await db.prisma.product.update({ where: { id: chips }, data: { name: "Honey Butter Chips" } });
  await db.prisma.product.update({ where: { id: mochi }, data: { name: "Mochi" } });
  await order(
    "paid",
    [
      [chips, 2],
      [mochi, 1],
    ],
    { name: "Ani", phone: "0812-1111-0001", note: "Yang pedas ya" },
  );
  await order("awaiting_final_payment", [[chips, 3]], { name: "Budi", phone: "0812-1111-0002" });
  await order("awaiting_validation", [[mochi, 4]], { name: "Citra", phone: "0812-1111-0003" });
  await order("pending_dp", [[chips, 7]], { name: "Dewi", phone: "0812-1111-0004" });
  await order("shipped", [[mochi, 5]], { name: "Ani", phone: "0812-1111-0001" });
  await order("cancelled", [[chips, 9]], { name: '=HYPERLINK("http://evil")', phone: "0812-1111-0005" });
});

describe("tripShoppingList", () => {
  it("sums units of accepted, unshipped orders per product, proofs waiting apart, with the guests' notes", async () => {
    expect(await tripShoppingList(db.prisma, { actor, tripId })).toEqual([
      {
        productId: chips,
        productName: "Honey Butter Chips",
        units: 5,
        maybeUnits: 0,
        notes: [{ code: expect.any(String), guestName: "Ani", note: "Yang pedas ya" }],
      },
      {
        productId: mochi,
        productName: "Mochi",
        units: 1,
        maybeUnits: 4,
        notes: [{ code: expect.any(String), guestName: "Ani", note: "Yang pedas ya" }],
      },
    ]);
  });
});

describe("tripParticipants", () => {
  it("groups orders per guest number", async () => {
    const guests = await tripParticipants(db.prisma, { actor, tripId });
    expect(guests.map((g) => [g.guestName, g.guestPhone, g.orders.map((o) => o.status)])).toEqual([
      ['=HYPERLINK("http://evil")', "+6281211110005", ["cancelled"]],
      ["Ani", "+6281211110001", ["shipped", "paid"]],
      ["Dewi", "+6281211110004", ["pending_dp"]],
      ["Citra", "+6281211110003", ["awaiting_validation"]],
      ["Budi", "+6281211110002", ["awaiting_final_payment"]],
    ]);
  });
});

describe("tripOrdersCsv", () => {
  it("writes a BOM, a header, one CRLF row per item, amounts as plain numbers and formulas defused", async () => {
    const { csv, filename } = await tripOrdersCsv(db.prisma, { actor, tripId });
    expect(filename).toMatch(/^nitip-tokyo-[0-9a-f]{8}-orders\.csv$/);
    expect(csv.startsWith("\uFEFForder_code,status,placed_at_wib,guest_name,guest_phone,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(1 + 7 + 1); // header, 7 items, and the final CRLF
    expect(lines.at(-1)).toBe("");
    const ani = lines.find((l) => l.includes("Honey Butter Chips") && l.includes("Ani"));
    expect(ani).toMatch(/,Yang pedas ya,Honey Butter Chips,45000,2,90000,210000,/);
    expect(ani).toMatch(/,'\+6281211110001,/);
    const evil = lines.find((l) => l.includes("HYPERLINK"));
    expect(evil).toContain(`,"'=HYPERLINK(""http://evil"")",`);
  });

  it("quotes and guards cells one by one", () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });

  it("gives another host NOT_FOUND", async () => {
    const other = await createHostWithTrip(db.prisma);
    await expect(
      tripOrdersCsv(db.prisma, { actor: { type: "host", id: other.user.id }, tripId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
