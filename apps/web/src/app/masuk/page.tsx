import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "../../components/ui/card";
import { currentAccount } from "../../server/auth/guards";
import { safeReturnPath } from "../../server/auth/paths";
import { signInErrorKey } from "./errors";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Masuk · Nitip" };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string; error?: string; keluar?: string }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { callbackUrl, error, keluar } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (!error && (await currentAccount())) redirect(returnTo);
  const t = await getTranslations("auth");

  return (
    <main id="main" className="mx-auto grid w-full max-w-md gap-5 px-4 py-10">
      <div className="grid gap-2">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-muted">{t("intro")}</p>
      </div>
      {error && (
        <p role="alert" className="rounded-card bg-danger-soft p-3 text-sm" data-testid="sign-in-error">
          {t(`errors.${signInErrorKey(error)}`)}
        </p>
      )}
      {keluar && !error && (
        <p role="status" className="rounded-card bg-accent-soft p-3 text-sm text-accent">
          {t("signedOut")}
        </p>
      )}
      <Card>
        <SignInForm callbackUrl={returnTo} />
      </Card>
      <p className="text-sm text-muted">{t("guestNote")}</p>
    </main>
  );
}
