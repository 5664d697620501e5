import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "../components/ui/button";
import { PageShell } from "../components/ui/page-header";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <PageShell>
      <div className="grid justify-items-start gap-3 py-10">
        <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
        <p className="text-muted">{t("notFoundBody")}</p>
        <Button asChild>
          <Link href="/">{t("backHome")}</Link>
        </Button>
      </div>
    </PageShell>
  );
}
