import { formatDeadline, formatRupiah } from "@nitip/core/format";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HostInboxLive, readLiveVersion } from "../../../../components/live/live";
import { Card, CardTitle } from "../../../../components/ui/card";
import { PageHeader } from "../../../../components/ui/page-header";
import { requireHost, requireUser } from "../../../../server/auth/guards";
import { getQueryClient, trpc } from "../../../../trpc/server";
import { loadOr404 } from "../../_components/load";
import { OrderActions } from "../../_components/order-actions";
import { OrderStatusBadge } from "../../_components/status-badge";

export const metadata: Metadata = { title: "Pesanan · Nitip" };

export default async function HostOrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  // Admins open any order from their job dashboard without a host profile of their own.
  const account = await requireUser(`/host/orders/${orderId}`);
  if (account.user.role !== "admin") await requireHost(`/host/orders/${orderId}`);
  const since = await readLiveVersion();
  const t = await getTranslations("host.order");
  const statusText = await getTranslations("host.orderStatus");
  const order = await loadOr404(() =>
    getQueryClient().fetchQuery(trpc.hostOrder.get.queryOptions({ orderId })),
  );
  const money: [string, number | null][] = [
    [t("subtotal"), order.subtotal],
    [t("dp"), order.dpAmount],
    [t("shippingFee"), order.shippingFee],
    [t("finalAmount"), order.finalAmount],
    [t("refundOwed"), order.refundOwed || null],
  ];

  return (
    <>
      <Link href="/host/inbox" className="text-sm">
        ← {t("back")}
      </Link>
      <PageHeader
        title={order.code}
        description={`${order.trip.title} · ${t("placedAt", { date: formatDeadline(order.createdAt) })}`}
        actions={
          <>
            <HostInboxLive since={since} />
            <OrderStatusBadge status={order.status} />
          </>
        }
      />
      <OrderActions orderId={order.id} status={order.status} refundOwed={order.refundOwed} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card className="grid gap-1">
          <CardTitle>{t("guest")}</CardTitle>
          <p>{order.guestName}</p>
          <p className="text-sm">{order.guestPhone}</p>
          <p className="text-sm text-muted">{order.shippingAddress}</p>
          {order.note && <p className="text-sm">“{order.note}”</p>}
          {order.courier && (
            <p className="text-sm">
              {order.courier} · {order.trackingNumber}
            </p>
          )}
        </Card>
        <Card className="grid gap-1">
          <CardTitle>{t("items")}</CardTitle>
          <ul className="text-sm">
            {order.items.map((item) => (
              <li key={item.id} className="flex justify-between gap-2">
                <span>
                  {item.quantity}× {item.productName}
                </span>
                <span>{formatRupiah(item.lineTotal)}</span>
              </li>
            ))}
          </ul>
          <dl className="mt-2 grid grid-cols-2 gap-x-2 text-sm">
            {money
              .filter(([, amount]) => amount !== null)
              .map(([label, amount]) => (
                <div key={label} className="contents">
                  <dt className="text-muted">{label}</dt>
                  <dd className="text-right">{formatRupiah(amount ?? 0)}</dd>
                </div>
              ))}
          </dl>
        </Card>
      </div>
      <Card className="grid gap-3">
        <CardTitle>{t("payments")}</CardTitle>
        <ul className="grid gap-3">
          {order.payments.map((payment) => (
            <li key={payment.id} className="grid gap-2 text-sm">
              <p>
                {payment.kind.toUpperCase()} · {formatRupiah(payment.amount)} · {payment.status}
                {payment.rejectReason && ` · ${payment.rejectReason}`}
              </p>
              {payment.proofMime && (
                <a href={`/api/proofs/${payment.id}`} target="_blank" rel="noopener" className="grid gap-2">
                  {/* A plain img: the proof is private and per request; next/image would cache a copy. */}
                  {payment.proofMime.startsWith("image/") && (
                    <img
                      src={`/api/proofs/${payment.id}`}
                      alt={t("viewProof")}
                      className="max-h-96 w-auto rounded-xl border border-line object-contain"
                      data-testid="proof-image"
                    />
                  )}
                  <span>{t("viewProof")}</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card className="grid gap-2">
        <CardTitle>{t("timeline")}</CardTitle>
        <ol className="grid gap-2 text-sm" data-testid="timeline">
          {order.events.map((event) => (
            <li key={String(event.id)} className="grid">
              <span>
                {event.fromStatus ? `${statusText(event.fromStatus)} → ` : ""}
                <strong>{statusText(event.toStatus)}</strong> · {t(`actor.${event.actorType}`)}
              </span>
              <span className="text-muted">
                {formatDeadline(event.createdAt)}
                {event.reason && ` · ${event.reason}`}
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
