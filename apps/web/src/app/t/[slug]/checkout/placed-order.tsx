"use client";

import { formatRupiah } from "@nitip/core/format";
import { useFormatter, useTranslations } from "next-intl";
import { BankAccountList } from "../../../../components/bank-account-list";
import { Button } from "../../../../components/ui/button";
import { Card, CardTitle } from "../../../../components/ui/card";
import { CopyButton } from "../../../../components/ui/copy-button";
import { Countdown } from "../countdown";
import type { PublicTrip } from "../load-trip";

export interface Placed {
  code: string;
  paymentType: "dp" | "full";
  subtotal: number;
  dpAmount: number;
  paymentDueAt: Date;
  token: string;
}

// The instructions survive a reload of the checkout page in this tab (the link also arrives by WhatsApp).
const storageKey = (slug: string) => `nitip:placed:${slug}`;

export function rememberPlaced(slug: string, placed: Placed): void {
  window.sessionStorage.setItem(storageKey(slug), JSON.stringify(placed));
}

export function recallPlaced(slug: string): Placed | null {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(storageKey(slug)) ?? "null") as Placed | null;
    return stored ? { ...stored, paymentDueAt: new Date(stored.paymentDueAt) } : null;
  } catch {
    return null;
  }
}

export function forgetPlaced(slug: string): void {
  window.sessionStorage.removeItem(storageKey(slug));
}

interface PlacedOrderProps {
  placed: Placed;
  bankAccounts: PublicTrip["host"]["bankAccounts"];
  onNewOrder: () => void;
}

/** What to do now: pay this amount to one of these accounts before the countdown ends, then send proof. */
export function PlacedOrder({ placed, bankAccounts, onNewOrder }: PlacedOrderProps) {
  const t = useTranslations("trip");
  const format = useFormatter();
  const dueNow = placed.paymentType === "dp" ? placed.dpAmount : placed.subtotal;
  const dueAt = format.dateTime(placed.paymentDueAt, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return (
    <section className="grid gap-4" data-testid="placed-order" aria-labelledby="placed-heading">
      <div role="status">
        <h2 id="placed-heading" className="text-xl font-bold text-accent">
          {t("placedTitle")}
        </h2>
      </div>
      <Card className="grid gap-3">
        <div className="flex items-center justify-between gap-2">
          <div>
            <p className="text-sm text-muted">{t("orderCode")}</p>
            <p className="font-mono text-lg font-bold" data-testid="order-code">
              {placed.code}
            </p>
          </div>
          <CopyButton value={placed.code} />
        </div>
        <div>
          <p className="text-sm text-muted">
            {placed.paymentType === "dp" ? t("dueNowDp") : t("dueNowFull")}
          </p>
          <p className="text-2xl font-bold tabular-nums" data-testid="amount-due">
            {formatRupiah(dueNow)}
          </p>
          <p className="text-sm">
            {t("payBefore", { at: dueAt })} · <Countdown until={placed.paymentDueAt} />
          </p>
        </div>
      </Card>
      <Card className="grid gap-3">
        <CardTitle>{t("transferTo")}</CardTitle>
        <BankAccountList
          accounts={bankAccounts}
          labels={{
            none: t("noBankAccounts"),
            copy: t("copyAccount"),
            holder: (holder) => t("accountHolder", { holder }),
          }}
        />
      </Card>
      <Button asChild>
        {/* A full navigation: /o/<token> is a route handler that sets the order cookie and redirects. */}
        <a href={`/o/${placed.token}`}>{t("openOrder")}</a>
      </Button>
      <p className="text-sm text-muted">{t("linkByWhatsapp")}</p>
      <Button variant="ghost" onClick={onNewOrder}>
        {t("newOrder")}
      </Button>
    </section>
  );
}
