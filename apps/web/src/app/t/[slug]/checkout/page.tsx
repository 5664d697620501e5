import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isTakingOrders } from "../limits";
import { loadTrip } from "../load-trip";
import { CheckoutForm } from "./checkout-form";

interface CheckoutPageProps {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: CheckoutPageProps): Promise<Metadata> {
  const trip = await loadTrip((await params).slug);
  const t = await getTranslations("trip");
  return { title: `${t("checkoutTitle")} · ${trip.title} · Nitip` };
}

export const dynamic = "force-dynamic";

export default async function CheckoutPage({ params }: CheckoutPageProps) {
  const { slug } = await params;
  const trip = await loadTrip(slug);
  const t = await getTranslations("trip");
  return (
    <main id="main" className="mx-auto grid w-full max-w-xl gap-5 px-4 py-6">
      <Link href={`/t/${slug}`} className="text-sm text-accent underline">
        ← {t("backToTrip")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">
        {t("checkoutTitle")} · {trip.title}
      </h1>
      <CheckoutForm trip={trip} open={isTakingOrders(trip)} />
    </main>
  );
}
