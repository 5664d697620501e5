import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import type { Messages } from "../i18n/messages";
import { TRPCReactProvider } from "../trpc/react";
import { IntlMessages, pickMessages } from "./intl-messages";
import { Toaster } from "./ui/toaster";

/**
 * What the interactive areas (host, admin, sign-in, checkout, the guest's orders) need around their client
 * components: the tRPC + TanStack Query client, sonner's toaster, and every namespace of messages. Not in the
 * root layout: the trip page, the page guests open most, would otherwise ship all of it (about 60 KB of
 * gzipped JavaScript and the host's and admin's texts) without using any. A client component that calls
 * `useTRPC` or `toast` must sit under a layout that renders this.
 * `namespaces`: send only these to the browser instead (a guest area that shows none of the host's or
 * admin's texts); every namespace a client component under it uses must be listed.
 */
export async function AppProviders({
  children,
  namespaces,
}: {
  children: ReactNode;
  namespaces?: readonly (keyof Messages)[];
}) {
  return (
    <IntlMessages messages={namespaces ? await pickMessages(namespaces) : await getMessages()}>
      <TRPCReactProvider>
        {children}
        <Toaster />
      </TRPCReactProvider>
    </IntlMessages>
  );
}
