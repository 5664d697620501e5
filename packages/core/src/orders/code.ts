// Order codes: NTP-XXXXXX-C. Six random characters from an alphabet without look-alikes (no 0/O, 1/I/L),
// then a check character: a weighted sum mod 31 (31 is prime), which catches every single wrong character
// and every swap of two neighbours, so a mistyped code is refused before it reaches the database.
import { randomInt } from "node:crypto";
import { DomainError } from "../errors.ts";

const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const base = alphabet.length; // 31

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * alphabet.indexOf(body.charAt(i));
  return alphabet.charAt(sum % base);
}

export function generateOrderCode(): string {
  let body = "";
  for (let i = 0; i < 6; i++) body += alphabet.charAt(randomInt(base));
  return `NTP-${body}-${checkCharacter(body)}`;
}

/**
 * Normalises what a person typed (case, spaces, missing dashes) and verifies the check character.
 * Throws BAD_INPUT for anything that cannot be a Nitip order code.
 */
export function parseOrderCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const body = compact.startsWith("NTP") ? compact.slice(3) : compact;
  const valid =
    body.length === 7 &&
    [...body].every((ch) => alphabet.includes(ch)) &&
    checkCharacter(body.slice(0, 6)) === body.charAt(6);
  if (!valid) {
    throw new DomainError(
      "BAD_INPUT",
      "That is not a valid order code; check it against your message (it looks like NTP-7K3QX9-M).",
    );
  }
  return `NTP-${body.slice(0, 6)}-${body.charAt(6)}`;
}
