import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentAccount } from "../server/auth/guards";
import { LazyUserMenu } from "./lazy-user-menu";
import { LocaleSwitch } from "./locale-switch";
import { Button } from "./ui/button";
import { cn, focusRing } from "./ui/cn";

/** On every page: the logo, the language switch, and the account menu (or a sign-in link). */
export async function SiteHeader() {
  const t = await getTranslations("common");
  const account = await currentAccount();
  return (
    <header className="border-b border-line bg-surface">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-3 px-4">
        <Link href="/" className={cn("rounded text-xl font-bold tracking-tight text-accent", focusRing)}>
          {t("appName")}
        </Link>
        <div className="flex items-center gap-2">
          <LocaleSwitch />
          {account ? (
            <LazyUserMenu email={account.email} />
          ) : (
            <Button asChild variant="ghost" size="sm">
              <Link href="/masuk">{t("signIn")}</Link>
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
