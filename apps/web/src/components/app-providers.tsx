import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "../trpc/react";
import { IntlMessages } from "./intl-messages";
import { Toaster } from "./ui/toaster";

/**
 * What the interactive areas (host, admin, sign-in, checkout, the guest's orders) need around their client
 * components: the tRPC + TanStack Query client, sonner's toaster, and every namespace of messages. Not in the
 * root layout: the trip page, the page guests open most, would otherwise ship all of it (about 60 KB of
 * gzipped JavaScript and the host's and admin's texts) without using any. A client component that calls
 * `useTRPC` or `toast` must sit under a layout that renders this.
 */
export async function AppProviders({ children }: { children: ReactNode }) {
  return (
    <IntlMessages messages={await getMessages()}>
      <TRPCReactProvider>
        {children}
        <Toaster />
      </TRPCReactProvider>
    </IntlMessages>
  );
}
