// The onboarding / profile form's schema (client-safe: no server imports). Core re-checks every rule.
// Custom messages are keys of the `validation` messages, shown translated by FormField.
import { hostSlugPattern, limits } from "@nitip/core/limits";
import { z } from "zod";

export const ZBankAccountSchema = z.object({
  bankName: z.string().trim().min(1, "validation.required").max(60),
  accountNumber: z.string().trim().min(5).max(30),
  accountHolder: z.string().trim().min(1, "validation.required").max(100),
});

export const ZSaveHostProfileSchema = z.object({
  displayName: z.string().trim().min(limits.displayName.min).max(limits.displayName.max),
  slug: z.string().trim().toLowerCase().regex(hostSlugPattern, "validation.slug"),
  whatsappNumber: z.string().trim().min(6).max(30),
  originCity: z.string().trim().max(80).nullish(),
  bankAccounts: z
    .array(ZBankAccountSchema)
    .min(limits.bankAccounts.min, "validation.bankAccount")
    .max(limits.bankAccounts.max),
});

export type TSaveHostProfileInput = z.infer<typeof ZSaveHostProfileSchema>;
