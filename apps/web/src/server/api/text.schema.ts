// One zod helper for every free-text field a person types (names, addresses, notes, reasons). PostgreSQL
// refuses a NUL character and Node cannot encode an unpaired UTF-16 surrogate, so both used to end as a 500;
// control characters (a bell, a terminal escape) and names made only of invisible characters used to be
// stored. All of them are refused here with a message naming the field, before anything is written.
import { z } from "zod";

// C0 and C1 control characters (Unicode's Cc); multi-line text keeps tab and line breaks.
const singleLineControls = /\p{Cc}/u;
const multiLineControls = /(?![\t\n\r])\p{Cc}/u;
// Bidirectional overrides and isolates make a name read differently from what it stores.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
// What is left of a text once whitespace and invisible format characters (zero-width space, joiners, BOM,
// word joiner, Hangul fillers) are gone: if nothing, the text shows nothing.
const invisible = /[\s\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;

interface TextOptions {
  /** How the field is called in messages, e.g. "Name". */
  label: string;
  max: number;
  /** The message when the field is empty; omit for an optional field that may be empty. */
  required?: string;
  min?: number;
}

function plainText(options: TextOptions, controls: RegExp) {
  const { label, max, required, min = 1 } = options;
  return z
    .string()
    .trim()
    .max(max, `${label} is too long: at most ${max} characters.`)
    .refine((text) => text.isWellFormed(), `${label} contains a broken character; type it again.`)
    .refine((text) => !controls.test(text), `${label} contains control characters; remove them.`)
    .refine((text) => !bidiControls.test(text), `${label} contains text-direction controls; remove them.`)
    .refine(
      (text) => !required || text.replace(invisible, "").length >= min,
      required ?? `${label} is empty.`,
    );
}

/** One line of plain text: names, phone numbers, couriers. */
export const ZSingleLineText = (options: TextOptions) => plainText(options, singleLineControls);

/** Plain text that may span lines: addresses, notes, reasons. */
export const ZMultiLineText = (options: TextOptions) => plainText(options, multiLineControls);
