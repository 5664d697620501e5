import type { ReactNode } from "react";
import { AppProviders } from "../../components/app-providers";
import { sharedNamespaces } from "../../components/intl-messages";

// Its client components call tRPC or show toasts (see AppProviders). They read the shared texts, the order
// page's and the live-update notice: only those go to the browser, not the host's and admin's catalogs,
// which were 12 KB of the order page's 52 KB of HTML, serialized into its RSC payload on every request.
const guestNamespaces = [...sharedNamespaces, "order", "live"] as const;

export default function Layout({ children }: { children: ReactNode }) {
  return <AppProviders namespaces={guestNamespaces}>{children}</AppProviders>;
}
