import type { AbstractIntlMessages } from "next-intl";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { Messages } from "../i18n/messages";

/**
 * The namespaces every page's client components may use (the header, forms' field errors, guest pages).
 * The root layout sends only these to the browser; areas with their own client texts (host, admin) wrap
 * their pages in `AppProviders`, which sends everything. A nested provider replaces its parent's messages.
 */
export const sharedNamespaces = [
  "common",
  "validation",
  "auth",
  "trip",
] as const satisfies (keyof Messages)[];

/** next-intl's client provider with exactly `messages` (locale, time zone and formats from the request). */
export function IntlMessages({
  messages,
  children,
}: {
  messages: AbstractIntlMessages;
  children: ReactNode;
}) {
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}

/** The request's messages, only `namespaces` of them. */
export async function pickMessages(namespaces: readonly (keyof Messages)[]): Promise<AbstractIntlMessages> {
  const all = await getMessages();
  return Object.fromEntries(namespaces.map((name) => [name, all[name] ?? {}]));
}
