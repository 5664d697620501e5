import { describe, expect, it } from "vitest";
import { redactError, redactText } from "../src/index.ts";

describe("redactText", () => {
  it("removes phone numbers, email addresses and tokens, and keeps the rest of the message", () => {
    const token = "Q2xhc3NpYy1ub3Qtc28tc2VjcmV0LXRva2VuLTQzY2g"; // 43 characters of base64url
    const text = `send to +62 812-3456-7890 and 081234567890 and 6281298765432 failed for ani.s@example.co.id, link https://nitip.test/o/${token} raw ${token}`;
    const out = redactText(text);
    for (const secret of ["812-3456-7890", "081234567890", "6281298765432", "ani.s@example.co.id", token]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toBe(
      "send to [phone] and [phone] and [phone] failed for [email], link https://nitip.test/o/[token] raw [token]",
    );
  });

  it("leaves ids, amounts and order codes alone", () => {
    const text =
      "order 5b0f3c8e-1c1e-4d59-9a57-0d3c2b1f6a11 (NTP-7K3QX9-M) owes Rp 2147483647 after 12 attempts";
    expect(redactText(text)).toBe(text);
  });

  it("redacts an error's message and stack", () => {
    const error = new Error("invalid byte sequence in name of +6281234567890");
    const { message, stack } = redactError(error);
    expect(message).toBe("invalid byte sequence in name of [phone]");
    expect(stack).not.toContain("6281234567890");
  });
});
