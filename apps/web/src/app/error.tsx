"use client";

import { useTranslations } from "next-intl";
import { Button } from "../components/ui/button";
import { PageShell } from "../components/ui/page-header";
import { ErrorState } from "../components/ui/states";

// Unexpected failures: a generic message (details are in the server log, under the digest), and a retry.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("common");
  return (
    <PageShell>
      <ErrorState
        title={t("errorTitle")}
        description={
          <>
            {t("errorBody")}
            {error.digest && (
              <span className="block text-xs">{t("errorReference", { reference: error.digest })}</span>
            )}
          </>
        }
        action={<Button onClick={reset}>{t("tryAgain")}</Button>}
      />
    </PageShell>
  );
}
