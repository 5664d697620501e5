import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppProviders } from "../../components/app-providers";
import { PageShell } from "../../components/ui/page-header";
import { requireAdmin } from "../../server/auth/guards";

export const metadata: Metadata = { title: "Admin · Nitip" };

/** Admins only: anyone else signed in gets the 404 page (requireAdmin), signed-out visitors sign in first. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  const t = await getTranslations("admin.nav");
  const links = [
    { href: "/admin/failed", label: t("failed") },
    { href: "/admin/overview", label: t("overview") },
    { href: "/admin/audit", label: t("audit") },
  ];
  return (
    <AppProviders>
      <PageShell>
        <nav className="flex flex-wrap gap-2 text-sm" aria-label="Admin">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="rounded-full bg-line px-3 py-1.5 hover:bg-accent-soft"
            >
              {link.label}
            </Link>
          ))}
        </nav>
        {children}
      </PageShell>
    </AppProviders>
  );
}
