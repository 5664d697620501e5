import "./globals.css";
import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { IntlMessages, pickMessages, sharedNamespaces } from "../components/intl-messages";
import { SiteHeader } from "../components/site-header";

export const metadata: Metadata = {
  title: "Nitip",
  description: "Jastip tanpa ribet: order, bayar DP, dan pantau titipanmu di satu tempat.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

// Kept small on purpose: whatever this layout imports into the browser ships with every page, the guest's
// trip page included. The tRPC client, the toaster and the host/admin texts live in `AppProviders`, rendered
// by the layouts of the areas that use them.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        <IntlMessages messages={await pickMessages(sharedNamespaces)}>
          <SiteHeader />
          {children}
        </IntlMessages>
      </body>
    </html>
  );
}
