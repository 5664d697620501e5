// next-intl's per-request configuration (wired by the plugin in next.config.ts): the locale from the
// cookie, else Indonesian, and every namespace's messages in that language.
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, localeCookie, timeZone } from "./config";
import { messagesFor } from "./messages";

export default getRequestConfig(async () => {
  const stored = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(stored) ? stored : defaultLocale;
  return { locale, messages: messagesFor(locale), timeZone };
});
