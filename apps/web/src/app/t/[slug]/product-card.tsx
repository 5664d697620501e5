import { formatRupiah, stockLabel } from "@nitip/core/format";
import type { PublicTrip } from "./trip-view";

type Product = PublicTrip["products"][number];

export function ProductCard({ product }: { product: Product }) {
  const soldOut = product.stockAvailable !== null && product.stockAvailable <= 0;
  return (
    <li className="product" data-testid="product" data-sold-out={soldOut || undefined}>
      {product.imageUrl ? (
        <img className="product__image" src={product.imageUrl} alt="" loading="lazy" width={72} height={72} />
      ) : null}
      <div className="product__body">
        <h3 className="product__name">{product.name}</h3>
        {product.description ? <p className="product__description">{product.description}</p> : null}
        <div className="product__meta">
          <span className="product__price">{formatRupiah(product.price)}</span>
          <span className={soldOut ? "badge badge--muted" : "badge"}>
            {stockLabel(product.stockAvailable)}
          </span>
        </div>
        {product.maxPerOrder ? <p className="product__limit">Maks. {product.maxPerOrder} per order</p> : null}
      </div>
    </li>
  );
}
