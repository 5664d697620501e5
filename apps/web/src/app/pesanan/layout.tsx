import type { ReactNode } from "react";
import { AppProviders } from "../../components/app-providers";

// Its client components call tRPC or show toasts (see AppProviders).
export default function Layout({ children }: { children: ReactNode }) {
  return <AppProviders>{children}</AppProviders>;
}
