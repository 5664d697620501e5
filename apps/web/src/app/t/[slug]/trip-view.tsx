"use client";

import { formatDeadline, formatTripDates } from "@nitip/core/format";
import { useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../../server/api/root";
import { useTRPC } from "../../../trpc/react";
import { ProductCard } from "./product-card";

export type PublicTrip = inferRouterOutputs<AppRouter>["trip"]["bySlug"];

const paymentNote: Record<PublicTrip["paymentType"], string> = {
  dp: "Bayar DP dulu, pelunasan setelah barang dibelikan.",
  full: "Pembayaran penuh saat order.",
};

function isTakingOrders(trip: PublicTrip): boolean {
  return trip.status === "open" && trip.orderDeadline.getTime() > Date.now();
}

export function TripView({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const { data: trip } = useSuspenseQuery(trpc.trip.bySlug.queryOptions({ slug }));
  const open = isTakingOrders(trip);

  return (
    <main className="page">
      <header className="trip-header">
        <p className="trip-header__host">
          Jastip oleh <strong>{trip.host.displayName}</strong>
          {trip.host.originCity ? ` · ${trip.host.originCity}` : null}
        </p>
        <h1 className="trip-header__title">{trip.title}</h1>
        <dl className="trip-facts">
          <div>
            <dt>Tujuan</dt>
            <dd>{trip.destination}</dd>
          </div>
          <div>
            <dt>Tanggal</dt>
            <dd>{formatTripDates(trip.startsOn, trip.endsOn)}</dd>
          </div>
        </dl>
        <p className={open ? "deadline" : "deadline deadline--closed"} data-testid="order-deadline">
          {open ? `Tutup order ${formatDeadline(trip.orderDeadline)}` : "Order sudah ditutup"}
        </p>
        <p className="trip-header__note">{paymentNote[trip.paymentType]}</p>
      </header>

      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="section-title">
          Daftar titipan <span className="section-title__count">({trip.products.length})</span>
        </h2>
        {trip.products.length > 0 ? (
          <ul className="products">
            {trip.products.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </ul>
        ) : (
          <p className="empty">Belum ada barang di trip ini.</p>
        )}
      </section>
    </main>
  );
}
