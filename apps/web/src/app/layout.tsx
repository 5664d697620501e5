import "./globals.css";
import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "../components/site-header";
import { Toaster } from "../components/ui/toaster";
import { TRPCReactProvider } from "../trpc/react";

export const metadata: Metadata = {
  title: "Nitip",
  description: "Jastip tanpa ribet: order, bayar DP, dan pantau titipanmu di satu tempat.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-bg font-sans text-fg antialiased">
        <NextIntlClientProvider>
          <TRPCReactProvider>
            <SiteHeader />
            {children}
            <Toaster />
          </TRPCReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
