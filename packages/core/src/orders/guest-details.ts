// Normalising what a guest typed, so the same person always hashes and stores the same way.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DomainError } from "../errors.ts";

/** A WhatsApp number as E.164, reading local numbers (0812...) as Indonesian. */
export function normalisePhoneNumber(input: string, defaultCountry: "ID" = "ID"): string {
  const phone = parsePhoneNumberFromString(input.trim(), defaultCountry);
  if (!phone?.isValid()) {
    throw new DomainError(
      "BAD_INPUT",
      `"${input.trim()}" is not a valid WhatsApp number. Use a number like 0812-3456-7890 or +62 812 3456 7890.`,
      { field: "guestPhone" },
    );
  }
  return phone.number;
}
