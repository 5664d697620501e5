// The host inbox: counts, filters, search, "needs validation first, oldest first" and keyset pages.
import type { OrderStatus } from "@nitip/db";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { inboxCounts, listInbox, type WorkspaceActor } from "../src/index.ts";
import { createHostWithTrip, orderIn } from "./fixtures.ts";

const db = useTestDatabase();
let actor: WorkspaceActor;
let otherActor: WorkspaceActor;
let tripA = "";
let tripB = "";
const codes: Record<string, string> = {};

async function place(
  tripId: string,
  productId: string,
  status: OrderStatus,
  name: string,
  minutesAgo: number,
) {
  const order = await orderIn(db.prisma, tripId, productId, status);
  await db.prisma.order.update({
    where: { id: order.id },
    data: { guestName: name, createdAt: new Date(Date.now() - minutesAgo * 60_000) },
  });
  codes[name] = order.order.code;
  return order;
}

beforeAll(async () => {
  const a = await createHostWithTrip(db.prisma, { products: [{ price: 100_000, stock: null }] });
  actor = { type: "host", id: a.user.id };
  tripA = a.trip.id;
  const secondTrip = await db.prisma.trip.create({
    data: { ...a.trip, id: undefined, slug: `${a.trip.slug}-2`, title: "Osaka", createdAt: undefined },
  });
  tripB = secondTrip.id;
  const productB = await db.prisma.product.create({
    data: { tripId: tripB, name: "Osaka P", price: 50_000 },
  });
  const productA = a.products[0]?.id ?? "";
  await place(tripA, productA, "paid", "Ani", 50);
  await place(tripA, productA, "awaiting_validation", "Budi", 40);
  await place(tripB, productB.id, "pending_dp", "Citra", 30);
  await place(tripA, productA, "awaiting_final_validation", "Dewi", 20);
  await place(tripB, productB.id, "awaiting_validation", "Eka", 10);
  await place(tripA, productA, "shipped", "Fajar 100%_", 5);
  // Another host's order must never show up.
  const other = await createHostWithTrip(db.prisma, { products: [{ price: 100_000, stock: null }] });
  otherActor = { type: "host", id: other.user.id };
  await place(other.trip.id, other.products[0]?.id ?? "", "awaiting_validation", "Zaki", 60);
});

const names = (result: Awaited<ReturnType<typeof listInbox>>) => result.orders.map((o) => o.guestName);

describe("listInbox", () => {
  it("puts proofs waiting for validation first, then the rest, oldest first in each group", async () => {
    const result = await listInbox(db.prisma, { actor });
    expect(names(result)).toEqual(["Budi", "Dewi", "Eka", "Ani", "Citra", "Fajar 100%_"]);
    expect(result.nextCursor).toBeNull();
  });

  it("says how long is left before an unvalidated DP proof is auto-rejected", async () => {
    const now = new Date();
    const result = await listInbox(db.prisma, { actor, now });
    const budi = result.orders.find((o) => o.guestName === "Budi");
    expect(budi?.msUntilAutoReject).toBe((budi?.validationDueAt?.getTime() ?? 0) - now.getTime());
    expect(result.orders.find((o) => o.guestName === "Ani")?.msUntilAutoReject).toBeNull();
  });

  it("pages by keyset without skipping or repeating, and refuses a mangled cursor", async () => {
    const first = await listInbox(db.prisma, { actor, limit: 4 });
    expect(names(first)).toEqual(["Budi", "Dewi", "Eka", "Ani"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listInbox(db.prisma, { actor, limit: 4, cursor: first.nextCursor ?? "" });
    expect(names(second)).toEqual(["Citra", "Fajar 100%_"]);
    expect(second.nextCursor).toBeNull();
    await expect(listInbox(db.prisma, { actor, cursor: "garbage" })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
  });

  it("filters by trip and status", async () => {
    expect(names(await listInbox(db.prisma, { actor, tripId: tripB }))).toEqual(["Eka", "Citra"]);
    expect(names(await listInbox(db.prisma, { actor, statuses: ["paid", "shipped"] }))).toEqual([
      "Ani",
      "Fajar 100%_",
    ]);
    expect(names(await listInbox(db.prisma, { actor: otherActor, tripId: tripA }))).toEqual([]);
  });

  it("searches by order code (any case, no dashes), name and phone (local or international)", async () => {
    const code = codes.Dewi ?? "";
    expect(
      names(await listInbox(db.prisma, { actor, search: code.toLowerCase().replaceAll("-", "") })),
    ).toEqual(["Dewi"]);
    expect(names(await listInbox(db.prisma, { actor, search: "bud" }))).toEqual(["Budi"]);
    expect(names(await listInbox(db.prisma, { actor, search: "100%_" }))).toEqual(["Fajar 100%_"]);
    expect(names(await listInbox(db.prisma, { actor, search: "%" }))).toEqual(["Fajar 100%_"]);
    // Every fixture guest has 0812-3456-7891; the other host's guest too, but never shows.
    expect(names(await listInbox(db.prisma, { actor, search: "0812-3456-7891" }))).toHaveLength(6);
    expect(names(await listInbox(db.prisma, { actor, search: "+62 812 3456 7891" }))).toHaveLength(6);
    expect(names(await listInbox(db.prisma, { actor, search: "Zaki" }))).toEqual([]);
  });

  it("lets an admin see every host's orders", async () => {
    const admin: WorkspaceActor = { type: "admin", id: crypto.randomUUID() };
    expect(names(await listInbox(db.prisma, { actor: admin, search: "Zaki" }))).toEqual(["Zaki"]);
  });
});

describe("inboxCounts", () => {
  it("counts per status, in total and waiting for validation, within the filter", async () => {
    expect(await inboxCounts(db.prisma, { actor })).toEqual({
      byStatus: { paid: 1, awaiting_validation: 2, pending_dp: 1, awaiting_final_validation: 1, shipped: 1 },
      total: 6,
      needsValidation: 3,
    });
    expect(await inboxCounts(db.prisma, { actor, tripId: tripB })).toEqual({
      byStatus: { pending_dp: 1, awaiting_validation: 1 },
      total: 2,
      needsValidation: 1,
    });
    expect((await inboxCounts(db.prisma, { actor: otherActor })).total).toBe(1);
  });
});
