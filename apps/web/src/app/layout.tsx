import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "../trpc/react";

export const metadata: Metadata = {
  title: "Nitip",
  description: "Jastip tanpa ribet: order, bayar DP, dan pantau titipanmu di satu tempat.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f766e" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="id">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
