import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "../../../components/ui/button";

export default async function TripNotFound() {
  const t = await getTranslations();
  return (
    <main id="main" className="mx-auto grid w-full max-w-md gap-4 px-4 py-10 text-center">
      <h1 className="text-2xl font-bold">{t("trip.notFoundTitle")}</h1>
      <p className="text-muted">{t("trip.notFoundBody")}</p>
      <Button asChild className="justify-self-center">
        <Link href="/">{t("common.backHome")}</Link>
      </Button>
    </main>
  );
}
