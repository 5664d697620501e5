// The onboarding / profile form's schema (client-safe: no server imports). Core re-checks every rule.
// Custom messages are keys of the `validation` messages, shown translated by FormField.
import { hostSlugPattern, limits } from "@nitip/core/limits";
import { z } from "zod";
import { ZSingleLineText } from "../../text.schema";

export const ZBankAccountSchema = z.object({
  bankName: ZSingleLineText({ label: "Bank", max: 60, required: "validation.required" }),
  accountNumber: ZSingleLineText({
    label: "Account number",
    max: 30,
    required: "validation.required",
    min: 5,
  }),
  accountHolder: ZSingleLineText({ label: "Account holder", max: 100, required: "validation.required" }),
});

export const ZSaveHostProfileSchema = z.object({
  displayName: ZSingleLineText({
    label: "Display name",
    max: limits.displayName.max,
    min: limits.displayName.min,
    required: "validation.required",
  }),
  slug: z.string().trim().toLowerCase().regex(hostSlugPattern, "validation.slug"),
  whatsappNumber: ZSingleLineText({
    label: "WhatsApp number",
    max: 30,
    min: 6,
    required: "validation.required",
  }),
  originCity: ZSingleLineText({ label: "Home city", max: 80 }).nullish(),
  bankAccounts: z
    .array(ZBankAccountSchema)
    .min(limits.bankAccounts.min, "validation.bankAccount")
    .max(limits.bankAccounts.max),
});

export type TSaveHostProfileInput = z.infer<typeof ZSaveHostProfileSchema>;
