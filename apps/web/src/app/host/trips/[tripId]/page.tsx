import { formatDeadline, formatTripDates } from "@nitip/core/format";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "../../../../components/ui/button";
import { Card } from "../../../../components/ui/card";
import { CopyButton } from "../../../../components/ui/copy-button";
import { PageHeader } from "../../../../components/ui/page-header";
import { env } from "../../../../env";
import { requireHost } from "../../../../server/auth/guards";
import { getQueryClient, trpc } from "../../../../trpc/server";
import { loadOr404 } from "../../_components/load";
import { ProductPanel } from "../../_components/product-panel";
import { TripStatusBadge } from "../../_components/status-badge";
import { TripActions } from "../../_components/trip-actions";

export const metadata: Metadata = { title: "Trip · Nitip" };

interface TripPageProps {
  params: Promise<{ tripId: string }>;
}

export default async function HostTripPage({ params }: TripPageProps) {
  const { tripId } = await params;
  await requireHost(`/host/trips/${tripId}`);
  const t = await getTranslations("host.trip");
  const trip = await loadOr404(() => getQueryClient().fetchQuery(trpc.hostTrip.get.queryOptions({ tripId })));
  const products = await loadOr404(() =>
    getQueryClient().fetchQuery(trpc.hostProduct.list.queryOptions({ tripId })),
  );
  const url = `${env.APP_BASE_URL}/t/${trip.slug}`;
  const share = `https://wa.me/?text=${encodeURIComponent(t("shareText", { title: trip.title, url }))}`;
  const editable = trip.status !== "completed" && trip.status !== "cancelled";

  return (
    <>
      <PageHeader
        title={trip.title}
        description={`${trip.destination} · ${formatTripDates(trip.startsOn, trip.endsOn)} · ${formatDeadline(trip.orderDeadline)}`}
        actions={
          <>
            <TripStatusBadge status={trip.status} />
            {editable && (
              <Button asChild variant="secondary" size="sm">
                <Link href={`/host/trips/${trip.id}/edit`}>{t("edit")}</Link>
              </Button>
            )}
          </>
        }
      />
      <TripActions tripId={trip.id} status={trip.status} />
      {(trip.status === "open" || trip.status === "closed") && (
        <Card className="grid gap-2">
          <p className="font-semibold">{t("publicLink")}</p>
          <p className="break-all text-sm" data-testid="public-link">
            {url}
          </p>
          <div className="flex flex-wrap gap-2">
            <CopyButton value={url} />
            <Button asChild variant="secondary" size="sm">
              <a href={share} target="_blank" rel="noopener noreferrer">
                {t("shareWhatsApp")}
              </a>
            </Button>
          </div>
        </Card>
      )}
      <div className="flex flex-wrap gap-2">
        <Button asChild variant="secondary" size="sm">
          <Link href={`/host/trips/${trip.id}/peserta`}>{t("participants")}</Link>
        </Button>
        <Button asChild variant="secondary" size="sm">
          <a href={`/api/host/trips/${trip.id}/orders.csv`} download>
            {t("exportCsv")}
          </a>
        </Button>
      </div>
      <ProductPanel tripId={trip.id} products={products} editable={editable} />
    </>
  );
}
