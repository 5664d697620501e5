"use server";

import { cookies } from "next/headers";
import { isLocale, localeCookie } from "./config";

/** The header's language switch. A year-long cookie; the page re-renders in the new language. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) throw new Error(`Unknown language "${locale}"; use "id" or "en".`);
  (await cookies()).set(localeCookie, locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: false,
  });
}
