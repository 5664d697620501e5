import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/states";
import { devMailboxEnabled, readDevMailbox } from "../../../server/auth/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dev mailbox · Nitip", referrer: "no-referrer" };

// Outside production only (a 404 in production): the sign-in emails this server would have sent.
export default async function DevMailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const t = await getTranslations("auth.mailbox");
  const format = await getFormatter();
  const mails = readDevMailbox();
  return (
    <main id="main" className="mx-auto grid w-full max-w-2xl gap-4 px-4 py-8">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-muted">{t("intro")}</p>
      </div>
      {mails.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="grid gap-3">
          {mails.map((mail) => (
            <li key={`${mail.sentAt.toISOString()}-${mail.url}`}>
              <Card className="grid gap-2" data-testid="dev-mail">
                <p className="text-sm text-muted">
                  {t("to")}: <strong className="text-fg">{mail.to}</strong> ·{" "}
                  {format.dateTime(mail.sentAt, { timeStyle: "medium", dateStyle: "short" })}
                </p>
                <p className="font-semibold">{mail.subject}</p>
                <a href={mail.url} className="font-semibold text-accent underline">
                  {t("open")}
                </a>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
