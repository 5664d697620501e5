// One place that strips personal data and secrets from text that leaves the request: log lines, job_runs
// errors, outbox errors. Phone numbers, email addresses and magic-link tokens become placeholders, so an error
// like `invalid input syntax ... "Ani +6281234567890"` can be logged and stored without the guest in it.
// Applied to error text only; structured log fields are masked where they are written (maskRecipient).

const replacements: [RegExp, string][] = [
  // Magic links and bare tokens: 32 random bytes in base64url are 43 characters.
  [/\/o\/[A-Za-z0-9_-]{16,}/g, "/o/[token]"],
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, "[token]"],
  // Email addresses.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
  // Phone numbers: international (+62 812-3456-7890), and Indonesian mobile written locally (0812..., 62812...).
  [/\+\d[\d\s().-]{6,18}\d/g, "[phone]"],
  [/(?<!\d)(?:62|0)8\d[\d\s.-]{5,14}\d(?!\d)/g, "[phone]"],
];

/** `text` with phone numbers, email addresses and tokens replaced by placeholders. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, placeholder] of replacements) out = out.replace(pattern, placeholder);
  return out;
}

/** An error's message and stack, redacted, for logging or storing. */
export function redactError(error: unknown): { message: string; stack: string | undefined } {
  if (error instanceof Error) {
    return { message: redactText(error.message), stack: error.stack ? redactText(error.stack) : undefined };
  }
  return { message: redactText(String(error)), stack: undefined };
}
