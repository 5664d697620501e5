// The orders this browser opened through their magic links (newest first), each linking to /pesanan/<code>.
// `?tautan=tidak-berlaku` is where a wrong, expired or revoked link lands, with a way to ask for a new one.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "../../components/ui/badge";
import { EmptyState } from "../../components/ui/states";
import { getQueryClient, trpc } from "../../trpc/server";
import { LocalTime } from "./[code]/local-time";
import { RequestNewLink } from "./[code]/request-link";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("order.list");
  return { title: `${t("title")} · Nitip`, referrer: "no-referrer" };
}

interface OrdersPageProps {
  searchParams: Promise<{ tautan?: string }>;
}

export default async function OrdersPage({ searchParams }: OrdersPageProps) {
  const { tautan } = await searchParams;
  const t = await getTranslations("order");
  const orders = await getQueryClient().fetchQuery(trpc.guestOrder.mine.queryOptions());
  const linkFailed = tautan === "tidak-berlaku";
  return (
    <main id="main" className="mx-auto grid w-full max-w-xl gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold tracking-tight">
        {linkFailed ? t("list.linkInvalidTitle") : t("list.title")}
      </h1>
      {linkFailed && (
        <>
          <p data-testid="order-link-invalid">{t("list.linkInvalid")}</p>
          <RequestNewLink orderCode="" />
        </>
      )}
      {orders.length === 0 && !linkFailed && (
        <EmptyState title={t("list.empty")} description={t("list.emptyHint")} />
      )}
      {orders.length > 0 && (
        <ul className="grid gap-3" data-testid="orders">
          {orders.map((order) => (
            <li key={order.code} className="grid gap-1 rounded-card border border-line bg-surface p-4">
              <Link href={`/pesanan/${order.code}`} className="font-mono font-bold text-accent underline">
                {order.code}
              </Link>
              <p className="text-sm">{order.tripTitle}</p>
              <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
                <Badge>{t(`status.${order.status}`)}</Badge>
                {t.rich("list.orderedAt", { at: () => <LocalTime at={order.createdAt} style="short" /> })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
