// Zod's own messages ("Too small: expected string to have >=3 characters") in the user's language, for
// client-side form validation. Zod 4 ships locales; we pass one per parse instead of configuring zod
// globally, so a server rendering two languages at once cannot mix them up.
import { type core, z } from "zod";
import type { Locale } from "./config";

const errorMaps: Record<Locale, core.$ZodErrorMap> = {
  id: z.locales.id().localeError,
  en: z.locales.en().localeError,
};

export function zodErrorMap(locale: Locale): core.$ZodErrorMap {
  return errorMaps[locale];
}
