"use client";

import { Toaster as Sonner } from "sonner";

/** Mounted once in the root layout; call `toast.success(...)` / `toast.error(...)` from "sonner" anywhere. */
export function Toaster() {
  return <Sonner position="top-center" richColors closeButton theme="system" />;
}
