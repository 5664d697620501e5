import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppProviders } from "../../components/app-providers";
import { PageShell } from "../../components/ui/page-header";
import { requireAdmin } from "../../server/auth/guards";
import { AdminNav } from "./admin-nav";

export const metadata: Metadata = { title: "Admin · Nitip" };

/** Admins only: anyone else signed in gets the 404 page (requireAdmin), signed-out visitors sign in first. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  const t = await getTranslations("admin.nav");
  const links = (["failed", "overview", "running", "cron", "notifications", "audit"] as const).map(
    (page) => ({ href: `/admin/${page}`, label: t(page) }),
  );
  return (
    <AppProviders>
      <PageShell>
        <AdminNav label={t("label")} links={links} />
        {children}
      </PageShell>
    </AppProviders>
  );
}
