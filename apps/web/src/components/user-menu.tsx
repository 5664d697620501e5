"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { LayoutDashboard, LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { cn, focusRing } from "./ui/cn";

const item = cn(
  "flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 text-sm outline-none",
  "data-[highlighted]:bg-accent-soft",
);

/** Signed in: who you are, the way to your workspace, and sign-out (which ends the session server-side). */
export function UserMenu({ email }: { email: string }) {
  const t = useTranslations("common");
  return (
    <Menu.Root>
      <Menu.Trigger
        className={cn(
          "flex size-10 items-center justify-center rounded-full bg-accent-soft text-accent",
          focusRing,
        )}
        aria-label={t("account")}
        data-testid="user-menu"
      >
        <UserRound aria-hidden className="size-5" />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-xl border border-line bg-surface p-1 text-fg shadow-lg"
        >
          <Menu.Label className="truncate px-3 py-2 text-xs text-muted">{email}</Menu.Label>
          <Menu.Item asChild className={item}>
            <Link href="/host">
              <LayoutDashboard aria-hidden className="size-4" />
              {t("workspace")}
            </Link>
          </Menu.Item>
          <Menu.Separator className="my-1 h-px bg-line" />
          <Menu.Item className={item} onSelect={() => void signOut({ callbackUrl: "/masuk?keluar=1" })}>
            <LogOut aria-hidden className="size-4" />
            {t("signOut")}
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
