// A host's profile: who guests see, the WhatsApp number notifications go to, and where guests transfer to.
import type { Db } from "@nitip/db";
import { isUniqueViolation } from "../db-errors.ts";
import { DomainError } from "../errors.ts";
import { hostSlugPattern, limits } from "../limits.ts";
import { normalisePhoneNumber } from "../orders/guest-details.ts";

export { hostSlugPattern } from "../limits.ts";

/** Slugs that would read as one of our own pages. */
const reservedSlugs = new Set([
  "admin",
  "api",
  "host",
  "hosts",
  "nitip",
  "pesanan",
  "signin",
  "login",
  "help",
]);

export interface BankAccountInput {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}

export interface HostProfileInput {
  displayName: string;
  slug: string;
  whatsappNumber: string;
  originCity?: string | null;
  /** The first one is shown to guests first (primary). */
  bankAccounts: BankAccountInput[];
}

function bad(field: string, message: string): DomainError {
  return new DomainError("BAD_INPUT", message, { field });
}

/** The slug as stored, or BAD_INPUT saying what is wrong with it. */
export function checkHostSlug(input: string): string {
  const slug = input.trim().toLowerCase();
  if (!hostSlugPattern.test(slug)) {
    throw bad(
      "slug",
      "Use 3 to 40 lowercase letters, digits and dashes for your link, starting and ending with a letter or digit (e.g. ayu-jastip).",
    );
  }
  if (reservedSlugs.has(slug)) throw bad("slug", `"${slug}" is reserved; choose another link.`);
  return slug;
}

function checkBankAccounts(accounts: BankAccountInput[]) {
  if (accounts.length === 0)
    throw bad("bankAccounts", "Add at least one bank account for guests to pay into.");
  if (accounts.length > 5) throw bad("bankAccounts", "Add at most 5 bank accounts.");
  return accounts.map((account, i) => {
    const bankName = account.bankName.trim();
    const accountHolder = account.accountHolder.trim();
    const accountNumber = account.accountNumber.replace(/[\s.-]/g, "");
    if (!bankName) throw bad(`bankAccounts.${i}.bankName`, "Enter the bank's name (e.g. BCA).");
    if (!/^\d{5,20}$/.test(accountNumber)) {
      throw bad(`bankAccounts.${i}.accountNumber`, "An account number is 5 to 20 digits.");
    }
    if (!accountHolder) throw bad(`bankAccounts.${i}.accountHolder`, "Enter the account holder's name.");
    return { bankName, accountNumber, accountHolder, isPrimary: i === 0 };
  });
}

/** The profile of a signed-in user, or null before onboarding. */
export async function getHostProfile(db: Db, userId: string) {
  return db.hostProfile.findUnique({
    where: { userId },
    include: { bankAccounts: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] } },
  });
}

/** Creates or replaces the host's profile and bank accounts in one transaction. */
export async function saveHostProfile(db: Db, input: HostProfileInput & { userId: string }) {
  const displayName = input.displayName.trim();
  const { min, max } = limits.displayName;
  if (displayName.length < min || displayName.length > max) {
    throw bad("displayName", `Your display name is ${min} to ${max} characters.`);
  }
  const slug = checkHostSlug(input.slug);
  let whatsappNumber: string;
  try {
    whatsappNumber = normalisePhoneNumber(input.whatsappNumber);
  } catch (error) {
    if (error instanceof DomainError) throw bad("whatsappNumber", error.message);
    throw error;
  }
  const originCity = input.originCity?.trim() || null;
  const bankAccounts = checkBankAccounts(input.bankAccounts);
  const fields = { displayName, slug, whatsappNumber, originCity };
  try {
    return await db.$transaction(async (tx) => {
      const host = await tx.hostProfile.upsert({
        where: { userId: input.userId },
        create: { userId: input.userId, ...fields },
        update: fields,
      });
      await tx.bankAccount.deleteMany({ where: { hostId: host.id } });
      await tx.bankAccount.createMany({ data: bankAccounts.map((a) => ({ hostId: host.id, ...a })) });
      return tx.hostProfile.findUniqueOrThrow({
        where: { id: host.id },
        include: { bankAccounts: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] } },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "slug")) {
      throw new DomainError("CONFLICT", `The link "${slug}" is already taken; choose another.`, {
        field: "slug",
      });
    }
    throw error;
  }
}
