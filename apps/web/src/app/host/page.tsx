import { formatDeadline, formatTripDates } from "@nitip/core/format";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "../../components/ui/button";
import { Card, CardTitle } from "../../components/ui/card";
import { PageHeader } from "../../components/ui/page-header";
import { EmptyState } from "../../components/ui/states";
import { requireHost } from "../../server/auth/guards";
import { getQueryClient, trpc } from "../../trpc/server";
import { TripStatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "Trip saya · Nitip" };

/** The workspace's home: the host's trips, newest first. */
export default async function HostTripsPage() {
  await requireHost("/host");
  const t = await getTranslations("host.trips");
  const trips = await getQueryClient().fetchQuery(trpc.hostTrip.list.queryOptions());
  const newTrip = (
    <Button asChild>
      <Link href="/host/trips/new">{t("new")}</Link>
    </Button>
  );
  return (
    <>
      <PageHeader title={t("title")} actions={newTrip} />
      {trips.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} action={newTrip} />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {trips.map((trip) => (
            <li key={trip.id}>
              <Link href={`/host/trips/${trip.id}`} className="block rounded-card">
                <Card className="grid gap-2 hover:border-accent">
                  <div className="flex items-start justify-between gap-2">
                    <CardTitle>{trip.title}</CardTitle>
                    <TripStatusBadge status={trip.status} />
                  </div>
                  <p className="text-sm text-muted">
                    {trip.destination} · {formatTripDates(trip.startsOn, trip.endsOn)}
                  </p>
                  <p className="text-sm">{t("deadline", { date: formatDeadline(trip.orderDeadline) })}</p>
                  <p className="text-sm text-muted">
                    {t("orders", { count: trip._count.orders })} ·{" "}
                    {t("products", { count: trip._count.products })}
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
