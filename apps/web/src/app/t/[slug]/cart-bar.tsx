"use client";

import { formatRupiah } from "@nitip/core/format";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "../../../components/ui/button";
import { cartLines, useCart } from "./cart";

/** A bar at the bottom of the phone screen once the cart holds something: count, total, checkout. */
export function CartBar({ slug, prices }: { slug: string; prices: Record<string, number> }) {
  const t = useTranslations("trip");
  // Lines for products no longer on the trip are left to checkout, which corrects them with a message.
  const lines = cartLines(useCart(slug)).filter((line) => prices[line.productId] !== undefined);
  if (lines.length === 0) return null;
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);
  const total = lines.reduce((sum, line) => sum + (prices[line.productId] ?? 0) * line.quantity, 0);
  return (
    <div className="fixed inset-x-0 bottom-0 border-t border-line bg-surface p-3" data-testid="cart-bar">
      <div className="mx-auto flex max-w-2xl items-center justify-between gap-3">
        <p className="font-semibold">{t("cartSummary", { count, total: formatRupiah(total) })}</p>
        <Button asChild>
          <Link href={`/t/${slug}/checkout`}>{t("checkout")}</Link>
        </Button>
      </div>
    </div>
  );
}
