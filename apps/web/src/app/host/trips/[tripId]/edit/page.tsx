import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "../../../../../components/ui/card";
import { PageHeader } from "../../../../../components/ui/page-header";
import { requireHost } from "../../../../../server/auth/guards";
import { getQueryClient, trpc } from "../../../../../trpc/server";
import { toDayInput, toLocalInput } from "../../../_components/dates";
import { loadOr404 } from "../../../_components/load";
import { TripForm } from "../../../_components/trip-form";

export const metadata: Metadata = { title: "Ubah trip · Nitip" };

export default async function EditTripPage({ params }: { params: Promise<{ tripId: string }> }) {
  const { tripId } = await params;
  await requireHost(`/host/trips/${tripId}/edit`);
  const t = await getTranslations("host.tripForm");
  const trip = await loadOr404(() => getQueryClient().fetchQuery(trpc.hostTrip.get.queryOptions({ tripId })));
  return (
    <>
      <PageHeader title={t("editTitle")} description={trip.title} />
      <Card>
        <TripForm
          tripId={trip.id}
          defaults={{
            title: trip.title,
            destination: trip.destination,
            startsOn: toDayInput(trip.startsOn),
            endsOn: toDayInput(trip.endsOn),
            orderDeadline: toLocalInput(trip.orderDeadline),
            paymentType: trip.paymentType,
            dpPercent: trip.dpPercent,
            dpWindowMinutes: trip.dpWindowMinutes,
          }}
        />
      </Card>
    </>
  );
}
