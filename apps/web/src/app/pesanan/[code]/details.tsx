// The order's amounts, items and history: plain server-rendered lists.
import { formatRupiah } from "@nitip/core/format";
import { getTranslations } from "next-intl/server";
import { Card, CardTitle } from "../../../components/ui/card";
import { LocalTime } from "./local-time";
import type { GuestOrder } from "./order-types";

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="text-muted">{label}</dt>
      <dd className="font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export async function Amounts({ order }: { order: GuestOrder }) {
  const t = await getTranslations("order.amounts");
  const invoiced = order.finalAmount !== null;
  return (
    <Card className="grid gap-3" aria-labelledby="amounts-heading">
      <CardTitle id="amounts-heading">{t("title")}</CardTitle>
      <dl className="grid gap-2 text-sm">
        <Row label={t("subtotal")} value={formatRupiah(order.subtotal)} />
        <Row
          label={order.paymentType === "dp" ? t("dp") : t("full")}
          value={formatRupiah(order.dpAmount)}
          testId="order-dp"
        />
        {order.paymentType === "dp" && invoiced && (
          <>
            <Row label={t("shipping")} value={formatRupiah(order.shippingFee)} />
            {order.otherFees > 0 && <Row label={t("otherFees")} value={formatRupiah(order.otherFees)} />}
          </>
        )}
        {order.paymentType === "dp" && (
          <Row
            label={t("finalAmount")}
            value={invoiced ? formatRupiah(order.finalAmount ?? 0) : t("finalPending")}
            testId="order-final"
          />
        )}
        <Row label={t("paid")} value={formatRupiah(order.paid)} testId="order-paid" />
        {order.refundOwed > 0 && <Row label={t("refundOwed")} value={formatRupiah(order.refundOwed)} />}
      </dl>
    </Card>
  );
}

export async function Items({ order }: { order: GuestOrder }) {
  const t = await getTranslations("order");
  return (
    <Card className="grid gap-3" aria-labelledby="items-heading">
      <CardTitle id="items-heading">{t("items")}</CardTitle>
      <ul className="grid gap-2 text-sm" data-testid="order-items">
        {order.items.map((item) => (
          <li key={item.productId} className="flex justify-between gap-4">
            <span>{t("itemLine", { quantity: item.quantity, name: item.productName })}</span>
            <span className="tabular-nums">{formatRupiah(item.lineTotal)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export async function Timeline({ order }: { order: GuestOrder }) {
  const t = await getTranslations("order");
  return (
    <Card className="grid gap-3" aria-labelledby="timeline-heading">
      <CardTitle id="timeline-heading">{t("timeline.title")}</CardTitle>
      <ol className="grid gap-3 border-l-2 border-line pl-4 text-sm" data-testid="timeline">
        {order.events.map((event, index) => (
          <li key={`${event.toStatus}-${index}`} className="grid gap-0.5">
            <p className="font-semibold">
              {event.fromStatus === null
                ? t("timeline.placed")
                : event.fromStatus === event.toStatus
                  ? t("timeline.invoiced") // the only move that keeps the status: the host's (re-)issued invoice
                  : t(`status.${event.toStatus}`)}
            </p>
            <p className="text-muted">
              <LocalTime at={event.createdAt} style="short" /> · {t(`timeline.by.${event.actorType}`)}
            </p>
            {event.reason && <p>{event.reason}</p>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
