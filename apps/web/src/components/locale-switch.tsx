"use client";

import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocale } from "../i18n/actions";
import { localeNames, locales } from "../i18n/config";
import { cn, focusRing } from "./ui/cn";

/** The header's language switch: stores the choice in a cookie and re-renders the page in place. */
export function LocaleSwitch() {
  const t = useTranslations("common");
  const current = useLocale();
  const [pending, startTransition] = useTransition();
  return (
    <fieldset className="flex rounded-full border border-line p-0.5" aria-busy={pending || undefined}>
      <legend className="sr-only">{t("language")}</legend>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-label={localeNames[locale]}
          aria-pressed={locale === current}
          disabled={pending}
          onClick={() => startTransition(() => setLocale(locale))}
          className={cn(
            "min-h-8 rounded-full px-2.5 text-xs font-semibold uppercase",
            locale === current ? "bg-accent text-accent-fg" : "text-muted hover:text-fg",
            focusRing,
          )}
        >
          {locale}
        </button>
      ))}
    </fieldset>
  );
}
