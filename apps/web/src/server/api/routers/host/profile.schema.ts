// The onboarding / profile form's schema (client-safe: no server imports). Core re-checks every rule.
import { hostSlugPattern, limits } from "@nitip/core/limits";
import { z } from "zod";

export const ZBankAccountSchema = z.object({
  bankName: z.string().trim().min(1, "Enter the bank's name (e.g. BCA).").max(60),
  accountNumber: z.string().trim().min(5, "An account number is 5 to 20 digits.").max(30),
  accountHolder: z.string().trim().min(1, "Enter the account holder's name.").max(100),
});

export const ZSaveHostProfileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(limits.displayName.min, "Enter your display name.")
    .max(limits.displayName.max),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(hostSlugPattern, "Use 3 to 40 lowercase letters, digits and dashes (e.g. ayu-jastip)."),
  whatsappNumber: z.string().trim().min(6, "Enter your WhatsApp number.").max(30),
  originCity: z.string().trim().max(80).nullish(),
  bankAccounts: z
    .array(ZBankAccountSchema)
    .min(limits.bankAccounts.min, "Add at least one bank account.")
    .max(limits.bankAccounts.max),
});

export type TSaveHostProfileInput = z.infer<typeof ZSaveHostProfileSchema>;
