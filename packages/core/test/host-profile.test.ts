// Onboarding: the profile's rules (slug, WhatsApp number, bank accounts) against a real database.
import { randomUUID } from "node:crypto";
import { useTestDatabase } from "@nitip/db/testing/vitest";
import { describe, expect, it } from "vitest";
import { getHostProfile, type HostProfileInput, saveHostProfile } from "../src/index.ts";
import { refusal } from "./fixtures.ts";

const db = useTestDatabase();

async function newUser() {
  return db.prisma.user.create({ data: { email: `u-${randomUUID()}@example.test` } });
}

function profile(overrides: Partial<HostProfileInput> = {}): HostProfileInput {
  return {
    displayName: "Ayu Jastip",
    slug: `ayu-${randomUUID().slice(0, 6)}`,
    whatsappNumber: "0812-3456-7890",
    originCity: "Bandung",
    bankAccounts: [{ bankName: "BCA", accountNumber: "123 456 7890", accountHolder: "Ayu Lestari" }],
    ...overrides,
  };
}

describe("saveHostProfile", () => {
  it("stores a new profile with the number in E.164 and the first account as primary", async () => {
    const user = await newUser();
    const saved = await saveHostProfile(db.prisma, {
      userId: user.id,
      ...profile({
        slug: " Ayu-Titip ",
        bankAccounts: [
          { bankName: "BCA", accountNumber: "123 456 7890", accountHolder: "Ayu" },
          { bankName: "Mandiri", accountNumber: "98-7654-3210", accountHolder: "Ayu" },
        ],
      }),
    });
    expect(saved).toMatchObject({
      slug: "ayu-titip",
      whatsappNumber: "+6281234567890",
      originCity: "Bandung",
    });
    expect(saved.bankAccounts.map((a) => [a.bankName, a.accountNumber, a.isPrimary])).toEqual([
      ["BCA", "1234567890", true],
      ["Mandiri", "9876543210", false],
    ]);
  });

  it("edits the profile later and replaces the bank accounts", async () => {
    const user = await newUser();
    await saveHostProfile(db.prisma, { userId: user.id, ...profile() });
    await saveHostProfile(db.prisma, {
      userId: user.id,
      ...profile({
        displayName: "Ayu Baru",
        bankAccounts: [{ bankName: "BRI", accountNumber: "5555566666", accountHolder: "Ayu" }],
      }),
    });
    const read = await getHostProfile(db.prisma, user.id);
    expect(read?.displayName).toBe("Ayu Baru");
    expect(read?.bankAccounts.map((a) => a.bankName)).toEqual(["BRI"]);
    expect(await db.prisma.hostProfile.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses a slug another host holds, naming the field, and stores nothing", async () => {
    const first = await newUser();
    const second = await newUser();
    await saveHostProfile(db.prisma, { userId: first.id, ...profile({ slug: "rina-jastip" }) });
    expect(
      await refusal(saveHostProfile(db.prisma, { userId: second.id, ...profile({ slug: "rina-jastip" }) })),
    ).toEqual({
      code: "CONFLICT",
      field: "slug",
      message: 'The link "rina-jastip" is already taken; choose another.',
    });
    expect(await getHostProfile(db.prisma, second.id)).toBeNull();
  });

  it.each([
    ["ab", "slug"],
    ["-ayu", "slug"],
    ["ayu--titip", "slug"],
    ["ayu_titip", "slug"],
    ["admin", "slug"],
  ])("refuses the malformed or reserved slug %j", async (slug, field) => {
    const user = await newUser();
    const refused = await refusal(saveHostProfile(db.prisma, { userId: user.id, ...profile({ slug }) }));
    expect(refused).toMatchObject({ code: "BAD_INPUT", field });
    expect(await getHostProfile(db.prisma, user.id)).toBeNull();
  });

  it("names the field for a bad WhatsApp number, a missing bank account and a bad account number", async () => {
    const user = await newUser();
    const save = (o: Partial<HostProfileInput>) =>
      refusal(saveHostProfile(db.prisma, { userId: user.id, ...profile(o) }));
    expect(await save({ whatsappNumber: "12345" })).toMatchObject({
      code: "BAD_INPUT",
      field: "whatsappNumber",
    });
    expect(await save({ bankAccounts: [] })).toMatchObject({ code: "BAD_INPUT", field: "bankAccounts" });
    expect(
      await save({ bankAccounts: [{ bankName: "BCA", accountNumber: "12ab", accountHolder: "Ayu" }] }),
    ).toMatchObject({ code: "BAD_INPUT", field: "bankAccounts.0.accountNumber" });
    expect(await save({ displayName: " " })).toMatchObject({ code: "BAD_INPUT", field: "displayName" });
    expect(await getHostProfile(db.prisma, user.id)).toBeNull();
  });

  it("is backed by the database: a WhatsApp number that is not E.164 cannot be stored at all", async () => {
    const user = await newUser();
    await expect(
      db.prisma.hostProfile.create({
        data: {
          userId: user.id,
          displayName: "Raw",
          slug: `raw-${user.id.slice(0, 6)}`,
          whatsappNumber: "0812345",
        },
      }),
    ).rejects.toThrow(/host_profiles_whatsapp_e164/);
  });
});
