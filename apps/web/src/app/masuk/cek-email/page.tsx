import { MailCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { devMailboxEnabled } from "../../../server/auth/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Cek email · Nitip" };

// The same page for every address, known or not: it never says whether an account exists.
export default async function CheckEmailPage() {
  const t = await getTranslations("auth");
  return (
    <main id="main" className="mx-auto grid w-full max-w-md justify-items-start gap-4 px-4 py-10">
      <MailCheck aria-hidden className="size-10 text-accent" />
      <h1 className="text-2xl font-bold tracking-tight">{t("checkTitle")}</h1>
      <p>{t("checkBody")}</p>
      {devMailboxEnabled() && (
        <Link href="/dev/mailbox" className="rounded-card bg-warn-soft p-3 text-sm text-warn underline">
          {t("checkDevMailbox")}
        </Link>
      )}
    </main>
  );
}
