import { formatRupiah } from "@nitip/core/format";
import { getTranslations } from "next-intl/server";
import { Badge } from "../../../components/ui/badge";
import { maxQuantity } from "./limits";
import type { PublicProduct } from "./load-trip";
import { QuantityStepper } from "./quantity-stepper";

export async function ProductCard({
  slug,
  product,
  open,
}: {
  slug: string;
  product: PublicProduct;
  open: boolean;
}) {
  const t = await getTranslations("trip");
  const max = maxQuantity(product);
  const soldOut = product.stockAvailable !== null && product.stockAvailable <= 0;
  const stock =
    product.stockAvailable === null
      ? t("unlimited")
      : soldOut
        ? t("soldOut")
        : t("left", { count: product.stockAvailable });
  return (
    <li
      className="flex gap-3 rounded-card border border-line bg-surface p-3"
      data-testid="product"
      data-sold-out={soldOut || undefined}
    >
      {product.imageUrl ? (
        <img
          className="size-20 shrink-0 rounded-md object-cover"
          src={product.imageUrl}
          alt={t("photoOf", { name: product.name })}
          loading="lazy"
          width={80}
          height={80}
        />
      ) : null}
      <div className="grid min-w-0 flex-1 gap-1">
        <h3 className="font-semibold leading-tight">{product.name}</h3>
        {product.description ? <p className="text-sm text-muted">{product.description}</p> : null}
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{formatRupiah(product.price)}</span>
          <Badge tone={soldOut ? "muted" : "accent"}>{stock}</Badge>
        </div>
        {product.maxPerOrder ? (
          <p className="text-sm text-muted">{t("maxPerOrder", { count: product.maxPerOrder })}</p>
        ) : null}
        {open && max > 0 ? (
          <QuantityStepper
            slug={slug}
            productId={product.id}
            name={product.name}
            price={product.price}
            max={max}
          />
        ) : null}
      </div>
    </li>
  );
}
