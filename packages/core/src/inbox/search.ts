// What a host types into the inbox search box, read as an order code, a phone number or a name.
import { Prisma } from "@nitip/db";
import { parseOrderCode } from "../orders/code.ts";

/** A SQL condition on `o` (orders) matching the search text; codes match exactly, the rest by substring. */
export function searchCondition(text: string): Prisma.Sql {
  const q = text.trim();
  const conditions: Prisma.Sql[] = [];
  try {
    conditions.push(Prisma.sql`o.code = ${parseOrderCode(q)}`);
  } catch {
    // not a code: search names and phones
  }
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  conditions.push(Prisma.sql`o.guest_name ilike ${`%${escaped}%`}`);
  const digits = q.replace(/\D/g, "");
  if (digits.length >= 4 && /^[\d\s()+.-]+$/.test(q)) {
    // Phones are stored as E.164 (+62812...); someone typing 0812... means +62812...
    const international = digits.startsWith("0") ? `62${digits.slice(1)}` : digits;
    conditions.push(Prisma.sql`o.guest_phone like ${`%${international}%`}`);
  }
  return Prisma.join(conditions, " or ");
}
