// What the guest does next, by the order's status: pay (amount, deadline, accounts, proof upload), wait,
// confirm delivery; or, for an order that ended, what happened and what they can do now.
import { formatRupiah } from "@nitip/core/format";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BankAccountList } from "../../../components/bank-account-list";
import { Button } from "../../../components/ui/button";
import { Card, CardTitle } from "../../../components/ui/card";
import { CopyButton } from "../../../components/ui/copy-button";
import { Countdown } from "../../t/[slug]/countdown";
import { LocalTime } from "./local-time";
import { CancelOrder, ConfirmDelivery } from "./order-actions";
import type { GuestOrder } from "./order-types";
import { ProofUpload } from "./proof-upload";

/** The reason written with the move into the order's current status (a rejection, a cancel). */
function reasonForStatus(order: GuestOrder): string | null {
  return order.events.findLast((event) => event.toStatus === order.status)?.reason ?? null;
}

async function PaymentDue({ order, amount, dueAt }: { order: GuestOrder; amount: number; dueAt: Date }) {
  const t = await getTranslations("order");
  const host = order.trip.host.displayName;
  const kind = order.guestCan.proof ?? "dp";
  return (
    <>
      <div className="flex items-end justify-between gap-2">
        <p className="text-3xl font-bold tabular-nums" data-testid="amount-due">
          {formatRupiah(amount)}
        </p>
        <CopyButton value={String(amount)} label={t("copyAmount")} />
      </div>
      <p className="text-sm">
        {t.rich("next.payBefore", { at: () => <LocalTime at={dueAt} /> })}
        {" · "}
        {t.rich("next.timeLeft", { left: () => <Countdown until={dueAt} /> })}
      </p>
      <div className="grid gap-3 border-t border-line pt-3">
        <h3 className="font-semibold">{t("transferTo", { host })}</h3>
        <BankAccountList
          accounts={order.trip.host.bankAccounts}
          labels={{
            none: t("noBankAccounts"),
            copy: t("copyAccount"),
            holder: (holder) => t("accountHolder", { holder }),
          }}
        />
      </div>
      <div className="border-t border-line pt-3">
        <ProofUpload orderCode={order.code} kind={kind} host={host} />
      </div>
    </>
  );
}

export async function NextStep({ order }: { order: GuestOrder }) {
  const t = await getTranslations("order");
  const host = order.trip.host.displayName;
  const at = (date: Date | null) => () => (date ? <LocalTime at={date} /> : null);
  const orderAgain = (
    <Button asChild variant="secondary">
      <Link href={`/t/${order.trip.slug}`}>{t("ended.orderAgain")}</Link>
    </Button>
  );
  const owed =
    order.refundOwed > 0 ? (
      <p data-testid="refund-owed">
        {t("ended.refundOwed", { host, amount: formatRupiah(order.refundOwed) })}
      </p>
    ) : null;

  let body: React.ReactNode;
  switch (order.status) {
    case "pending_dp":
      body = (
        <>
          <p>
            {t(order.paymentType === "dp" ? "next.payDp" : "next.payFull", {
              amount: formatRupiah(order.dpAmount),
            })}
          </p>
          <PaymentDue order={order} amount={order.dpAmount} dueAt={order.paymentDueAt} />
          <p className="text-sm text-muted">{t("next.dpLate")}</p>
        </>
      );
      break;
    case "awaiting_validation":
    case "awaiting_final_validation":
      body = (
        <>
          <p>{t("next.checking", { host })}</p>
          {order.validationDueAt && (
            <p className="text-sm text-muted">
              {t.rich("next.checkingBy", { at: at(order.validationDueAt) })}
            </p>
          )}
        </>
      );
      break;
    case "awaiting_final_payment": {
      const rejected = order.payments.findLast((payment) => payment.kind === "final");
      body =
        order.finalAmount === null || !order.finalDueAt ? (
          <p>{t("next.waitInvoice", { host })}</p>
        ) : (
          <>
            {rejected?.status === "rejected" && (
              <p role="alert" className="rounded-xl bg-warn-soft p-3 text-sm">
                {t("next.finalRejected", { reason: rejected.rejectReason ?? "" })}
              </p>
            )}
            <p>{t("next.payFinal", { amount: formatRupiah(order.finalAmount) })}</p>
            <PaymentDue order={order} amount={order.finalAmount} dueAt={order.finalDueAt} />
          </>
        );
      break;
    }
    case "paid":
      body = <p>{t("next.paid", { host })}</p>;
      break;
    case "shipped":
      body = (
        <>
          <p>{t("next.shipped", { courier: order.courier ?? "", tracking: order.trackingNumber ?? "" })}</p>
          {order.deliveryDueAt && (
            <p className="text-sm text-muted">
              {t.rich("next.autoDelivered", { at: at(order.deliveryDueAt) })}
            </p>
          )}
          {order.guestCan.confirmDelivery && <ConfirmDelivery orderCode={order.code} />}
        </>
      );
      break;
    case "delivered":
      body = <p>{t("next.delivered")}</p>;
      break;
    case "expired":
      body = (
        <>
          <p>{t.rich("ended.expired", { at: at(order.paymentDueAt) })}</p>
          {orderAgain}
        </>
      );
      break;
    case "rejected": {
      const reason = reasonForStatus(order);
      body = (
        <>
          <p>{reason ? t("ended.rejected", { host, reason }) : t("ended.rejectedNoReason")}</p>
          {owed}
          {orderAgain}
        </>
      );
      break;
    }
    case "cancelled":
      body = (
        <>
          <p>{t("ended.cancelled", { reason: reasonForStatus(order) ?? "" })}</p>
          {owed}
          {orderAgain}
        </>
      );
      break;
    case "refunded":
      body = <p>{t("ended.refunded", { host, amount: formatRupiah(order.refundOwed) })}</p>;
      break;
  }

  return (
    <Card className="grid gap-3" data-testid="next-step" aria-labelledby="next-heading">
      <CardTitle id="next-heading">{t("next.title")}</CardTitle>
      {body}
      {order.guestCan.cancel && (
        <CancelOrder
          orderCode={order.code}
          refundText={
            order.guestCan.refundIfCancelled > 0
              ? t("cancel.refund", { host, amount: formatRupiah(order.guestCan.refundIfCancelled) })
              : t("cancel.noRefund")
          }
        />
      )}
    </Card>
  );
}
