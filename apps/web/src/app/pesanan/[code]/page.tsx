// One of the guest's orders, /pesanan/<code>, opened through the browser's credential for it (the cookie the
// magic link set). Server-rendered; the client islands are small (times, countdown, proof upload, cancel,
// confirm delivery), and each calls router.refresh() after a change, so a live-update hook can do the same.
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrderLive } from "../../../components/live/live";
import { Badge } from "../../../components/ui/badge";
import { getQueryClient, trpc } from "../../../trpc/server";
import { Amounts, Items, Timeline } from "./details";
import { NextStep } from "./next-step";
import type { GuestOrder } from "./order-types";
import { RequestNewLink } from "./request-link";

export const dynamic = "force-dynamic";

interface OrderPageProps {
  params: Promise<{ code: string }>;
}

export async function generateMetadata({ params }: OrderPageProps): Promise<Metadata> {
  const t = await getTranslations("order");
  const code = decodeURIComponent((await params).code);
  return { title: `${t("metaTitle", { code })} · Nitip`, referrer: "no-referrer" };
}

async function loadOrder(orderCode: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.guestOrder.get.queryOptions({ orderCode }));
  } catch (error) {
    // Not this browser's order, a wrong code, an order gone: one answer, and a way to get a new link.
    if (
      error instanceof TRPCError &&
      (error.code === "UNAUTHORIZED" || error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")
    )
      return null;
    throw error;
  }
}

const statusTone: Record<GuestOrder["status"], "accent" | "warn" | "danger" | "muted"> = {
  pending_dp: "warn",
  awaiting_validation: "accent",
  awaiting_final_payment: "warn",
  awaiting_final_validation: "accent",
  paid: "accent",
  shipped: "accent",
  delivered: "accent",
  expired: "danger",
  cancelled: "danger",
  rejected: "danger",
  refunded: "muted",
};

export default async function OrderPage({ params }: OrderPageProps) {
  const code = decodeURIComponent((await params).code);
  const t = await getTranslations("order");
  const order = await loadOrder(code);
  if (!order) {
    return (
      <main id="main" className="mx-auto grid w-full max-w-xl gap-4 px-4 py-6">
        <h1 className="text-2xl font-bold tracking-tight">{t("invalid.title")}</h1>
        <p data-testid="order-link-invalid">{t("invalid.body")}</p>
        <RequestNewLink orderCode={code} />
      </main>
    );
  }
  return (
    <main id="main" className="mx-auto grid w-full max-w-xl gap-4 px-4 py-6">
      <Link href="/pesanan" className="text-sm text-accent underline">
        ← {t("allOrders")}
      </Link>
      <header className="grid gap-1">
        <p className="text-sm text-muted">
          {t("forGuest", { name: order.guestName, trip: order.trip.title })}
        </p>
        <h1 className="font-mono text-2xl font-bold" data-testid="order-code">
          {order.code}
        </h1>
        <p className="text-sm text-muted">{t("byHost", { host: order.trip.host.displayName })}</p>
        <p>
          <Badge tone={statusTone[order.status]} className="text-sm" data-testid="order-status">
            {t(`status.${order.status}`)}
          </Badge>
        </p>
        <OrderLive orderCode={order.code} />
      </header>
      <NextStep order={order} />
      <Amounts order={order} />
      <Items order={order} />
      <Timeline order={order} />
    </main>
  );
}
