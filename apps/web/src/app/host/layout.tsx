import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppProviders } from "../../components/app-providers";
import { PageShell } from "../../components/ui/page-header";
import { requireUser } from "../../server/auth/guards";

/** Every page under /host: signed out goes to sign-in first. */
export default async function HostLayout({ children }: { children: ReactNode }) {
  await requireUser("/host");
  const t = await getTranslations("host.nav");
  return (
    <AppProviders>
      <PageShell>
        <nav
          aria-label="Host"
          className="flex gap-4 overflow-x-auto border-b border-line pb-2 text-sm font-semibold"
        >
          <Link href="/host">{t("trips")}</Link>
          <Link href="/host/inbox">{t("inbox")}</Link>
          <Link href="/host/profile">{t("profile")}</Link>
        </nav>
        {children}
      </PageShell>
    </AppProviders>
  );
}
