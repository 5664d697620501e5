// Languages of the app. The locale lives in a cookie (no locale in URLs), so /t/<slug>, /pesanan and /o/<token>
// keep their addresses; Indonesian is the default because almost every user is in Indonesia.
export const locales = ["id", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "id";
export const localeCookie = "NEXT_LOCALE";

export const localeNames: Record<Locale, string> = { id: "Bahasa Indonesia", en: "English" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The zone next-intl formats times in (src/i18n/request.ts), unless a call names another. */
export const timeZone = "Asia/Jakarta";
