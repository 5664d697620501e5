import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "../../../components/ui/states";
import { dateTimeFormat } from "../../../i18n/date-format";
import { Countdown } from "./countdown";
import { isTakingOrders } from "./limits";
import { loadTrip } from "./load-trip";
import { ProductList } from "./product-list";

interface TripPageProps {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: TripPageProps): Promise<Metadata> {
  const trip = await loadTrip((await params).slug);
  const t = await getTranslations("trip");
  return {
    title: `${trip.title} · Nitip`,
    description: t("metaDescription", { destination: trip.destination, host: trip.host.displayName }),
  };
}

// Read per request: stock and the open/closed state must be current when a guest arrives (see load-trip.ts).
export const dynamic = "force-dynamic";

/** Server-rendered; the countdown and the product list (steppers, cart bar) are the client islands. */
export default async function TripPage({ params }: TripPageProps) {
  const { slug } = await params;
  const trip = await loadTrip(slug);
  const t = await getTranslations("trip");
  const locale = await getLocale();
  const open = isTakingOrders(trip);

  return (
    <main id="main" className="mx-auto grid w-full max-w-2xl gap-6 px-4 pt-6 pb-28">
      <header className="grid gap-2">
        <p className="text-sm text-muted">
          {t("byHost", { host: trip.host.displayName })}
          {trip.host.originCity ? ` · ${trip.host.originCity}` : null}
        </p>
        <h1 className="text-2xl font-bold tracking-tight">{trip.title}</h1>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <div>
            <dt className="text-muted">{t("destination")}</dt>
            <dd>{trip.destination}</dd>
          </div>
          <div>
            <dt className="text-muted">{t("dates")}</dt>
            <dd>
              {dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).formatRange(
                trip.startsOn,
                trip.endsOn,
              )}
            </dd>
          </div>
        </dl>
        {open ? (
          <p className="grid gap-0.5 rounded-card bg-accent-soft p-3 text-sm" data-testid="order-deadline">
            <span>
              {t("ordersCloseAt", {
                at: dateTimeFormat(locale, {
                  weekday: "long",
                  day: "numeric",
                  month: "long",
                  hour: "2-digit",
                  minute: "2-digit",
                  timeZoneName: "short",
                }).format(trip.orderDeadline),
              })}
            </span>
            <Countdown until={trip.orderDeadline} />
          </p>
        ) : (
          <p role="status" className="rounded-card bg-danger-soft p-3 text-sm" data-testid="order-deadline">
            {t("closed")}
          </p>
        )}
        <p className="text-sm text-muted">{trip.paymentType === "dp" ? t("payDp") : t("payFull")}</p>
      </header>

      <section aria-labelledby="products-heading" className="grid gap-3">
        <h2 id="products-heading" className="text-lg font-semibold">
          {t("products")} <span className="font-normal text-muted">({trip.products.length})</span>
        </h2>
        {trip.products.length > 0 ? (
          <ProductList slug={slug} products={trip.products} open={open} />
        ) : (
          <EmptyState title={t("noProducts")} description={t("noProductsHint")} />
        )}
      </section>
    </main>
  );
}
