import { formatRupiah } from "@nitip/core/format";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardTitle } from "../../../../../components/ui/card";
import { PageHeader } from "../../../../../components/ui/page-header";
import { EmptyState } from "../../../../../components/ui/states";
import { requireHost } from "../../../../../server/auth/guards";
import { getQueryClient, trpc } from "../../../../../trpc/server";
import { loadOr404 } from "../../../_components/load";
import { OrderStatusBadge } from "../../../_components/status-badge";

export const metadata: Metadata = { title: "Peserta · Nitip" };

export default async function TripReportPage({ params }: { params: Promise<{ tripId: string }> }) {
  const { tripId } = await params;
  await requireHost(`/host/trips/${tripId}/peserta`);
  const t = await getTranslations("host.report");
  const shopping = await loadOr404(() =>
    getQueryClient().fetchQuery(trpc.hostTrip.shoppingList.queryOptions({ tripId })),
  );
  const guests = await loadOr404(() =>
    getQueryClient().fetchQuery(trpc.hostTrip.participants.queryOptions({ tripId })),
  );
  return (
    <>
      <PageHeader title={t("title")} />
      <section className="grid gap-3" aria-labelledby="shopping">
        <h2 id="shopping" className="text-lg font-semibold">
          {t("shopping")}
        </h2>
        <p className="text-sm text-muted">{t("shoppingHint")}</p>
        {shopping.length === 0 ? (
          <EmptyState title={t("shoppingEmpty")} />
        ) : (
          <ul className="grid gap-2" data-testid="shopping-list">
            {shopping.map((line) => (
              <li key={line.productId}>
                <Card className="grid gap-1">
                  <p className="flex justify-between gap-2 font-semibold">
                    <span>{line.productName}</span>
                    <span>
                      {t("units", { count: line.units })}
                      {line.maybeUnits > 0 && (
                        <span className="ml-2 text-sm text-muted">
                          {t("maybe", { count: line.maybeUnits })}
                        </span>
                      )}
                    </span>
                  </p>
                  {line.notes.map((n) => (
                    <p key={n.code} className="text-sm text-muted">
                      {n.code} · {n.guestName}: “{n.note}”
                    </p>
                  ))}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="grid gap-3" aria-labelledby="participants">
        <h2 id="participants" className="text-lg font-semibold">
          {t("participants")}
        </h2>
        {guests.length === 0 ? (
          <EmptyState title={t("participantsEmpty")} />
        ) : (
          <ul className="grid gap-2">
            {guests.map((guest) => (
              <li key={guest.guestPhone}>
                <Card className="grid gap-2">
                  <CardTitle>
                    {guest.guestName}{" "}
                    <span className="text-sm font-normal text-muted">{guest.guestPhone}</span>
                  </CardTitle>
                  <ul className="grid gap-1 text-sm">
                    {guest.orders.map((order) => (
                      <li key={order.id} className="flex flex-wrap items-center gap-2">
                        <Link href={`/host/orders/${order.id}`} className="font-mono">
                          {order.code}
                        </Link>
                        <OrderStatusBadge status={order.status} />
                        <span>{formatRupiah(order.subtotal)}</span>
                        <span className="text-muted">
                          {order.items.map((i) => `${i.quantity}× ${i.productName}`).join(", ")}
                        </span>
                      </li>
                    ))}
                  </ul>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
