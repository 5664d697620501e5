import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "../../../../components/ui/card";
import { PageHeader } from "../../../../components/ui/page-header";
import { requireHost } from "../../../../server/auth/guards";
import { toDayInput, toLocalInput } from "../../_components/dates";
import { TripForm } from "../../_components/trip-form";

export const metadata: Metadata = { title: "Trip baru · Nitip" };

export default async function NewTripPage() {
  await requireHost("/host/trips/new");
  const t = await getTranslations("host.tripForm");
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  return (
    <>
      <PageHeader title={t("createTitle")} />
      <Card>
        <TripForm
          defaults={{
            title: "",
            destination: "",
            startsOn: toDayInput(inAWeek),
            endsOn: toDayInput(new Date(inAWeek.getTime() + 7 * 86_400_000)),
            orderDeadline: toLocalInput(new Date(inAWeek.getTime() + 5 * 86_400_000)),
            paymentType: "dp",
            dpPercent: null,
            dpWindowMinutes: null,
          }}
        />
      </Card>
    </>
  );
}
