"use client";

import { formatRupiah } from "@nitip/core/format";
import type { OrderStatus } from "@nitip/db";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { Input, Select } from "../../../components/ui/input";
import { Skeleton } from "../../../components/ui/skeleton";
import { EmptyState, ErrorState } from "../../../components/ui/states";
import { useTRPC } from "../../../trpc/react";
import { OrderStatusBadge } from "./status-badge";

const tabs: (OrderStatus | "all")[] = [
  "all",
  "awaiting_validation",
  "awaiting_final_validation",
  "pending_dp",
  "awaiting_final_payment",
  "paid",
  "shipped",
  "delivered",
  "rejected",
  "cancelled",
  "expired",
  "refunded",
];

function timeLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes}m`;
}

/** Counts per status as tabs, a trip filter and a search box over hostInbox.list's keyset pages. */
export function InboxView({ trips }: { trips: { id: string; title: string }[] }) {
  const t = useTranslations("host.inbox");
  const status = useTranslations("host.orderStatus");
  const trpc = useTRPC();
  const [tab, setTab] = useState<OrderStatus | "all">("all");
  const [tripId, setTripId] = useState("");
  const [search, setSearch] = useState("");
  const filter = { ...(tripId ? { tripId } : {}), ...(search.trim() ? { search: search.trim() } : {}) };
  const counts = useQuery(trpc.hostInbox.counts.queryOptions(filter));
  const list = useInfiniteQuery(
    trpc.hostInbox.list.infiniteQueryOptions(
      { ...filter, ...(tab === "all" ? {} : { statuses: [tab] }), limit: 30 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const orders = list.data?.pages.flatMap((page) => page.orders) ?? [];

  return (
    <div className="grid gap-4">
      <div className="grid gap-2 sm:grid-cols-2">
        <Input
          type="search"
          aria-label={t("search")}
          placeholder={t("search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select aria-label={t("allTrips")} value={tripId} onChange={(e) => setTripId(e.target.value)}>
          <option value="">{t("allTrips")}</option>
          {trips.map((trip) => (
            <option key={trip.id} value={trip.id}>
              {trip.title}
            </option>
          ))}
        </Select>
      </div>
      <div role="tablist" aria-label={t("title")} className="flex gap-2 overflow-x-auto pb-1">
        {tabs.map((key) => {
          const count = key === "all" ? counts.data?.total : counts.data?.byStatus[key];
          if (key !== "all" && !count && tab !== key) return null;
          return (
            <Button
              key={key}
              role="tab"
              aria-selected={tab === key}
              variant={tab === key ? "primary" : "secondary"}
              size="sm"
              onClick={() => setTab(key)}
            >
              {key === "all" ? t("all") : status(key)} {count !== undefined && `(${count})`}
            </Button>
          );
        })}
      </div>
      {list.isPending ? (
        <div className="grid gap-2" role="status" aria-label="…">
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      ) : list.isError ? (
        <ErrorState title={t("loadError")} description={list.error.message} />
      ) : orders.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="grid gap-2" data-testid="inbox">
          {orders.map((order) => (
            <li key={order.id}>
              <Link href={`/host/orders/${order.id}`} className="block rounded-card">
                <Card className="grid gap-1 hover:border-accent">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-mono font-semibold">{order.code}</span>
                    <OrderStatusBadge status={order.status} />
                  </div>
                  <p className="text-sm">
                    {order.guestName} · {order.trip.title} · {formatRupiah(order.subtotal)}
                  </p>
                  <p className="text-sm text-muted">
                    {order.items.map((i) => `${i.quantity}× ${i.productName}`).join(", ")}
                  </p>
                  {order.msUntilAutoReject !== null && (
                    <p className="text-sm font-semibold text-warn">
                      {t("autoReject", { time: timeLeft(order.msUntilAutoReject) })}
                    </p>
                  )}
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button
          variant="secondary"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t("loadMore")}
        </Button>
      )}
    </div>
  );
}
