"use client";

import { formatRupiah } from "@nitip/core/format";
import { Minus, Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "../../../components/ui/button";
import { cartLines, setQuantity, useCart } from "./cart";
import { maxQuantity } from "./limits";
import type { PublicProduct } from "./load-trip";
import styles from "./product-list.module.css";

/**
 * The products, their steppers and the cart bar: one client island fed with the products' data once, rather
 * than a server-rendered card per product with a stepper island each. Its HTML is still rendered on the
 * server; the page's RSC payload then carries ~150 bytes per product instead of every card's element tree
 * (which doubled the page: 513 KB of HTML for 200 products).
 */
export function ProductList({
  slug,
  products,
  open,
}: {
  slug: string;
  products: PublicProduct[];
  open: boolean;
}) {
  const cart = useCart(slug);
  // One translator and the texts every card repeats, for the whole list: a `useTranslations` and three
  // lookups in each of 200 cards were 8% of the server's time per trip page (CPU profile of the bench).
  const t = useTranslations("trip");
  // "N left" once per distinct N: each message with a value costs next-intl a formats object and a cache key
  // serialized to JSON, and products often share a stock figure.
  const leftTexts = new Map<number, string>();
  const left = (count: number) => {
    let text = leftTexts.get(count);
    if (text === undefined) {
      text = t("left", { count });
      leftTexts.set(count, text);
    }
    return text;
  };
  const texts: CardTexts = { t, unlimited: t("unlimited"), soldOut: t("soldOut"), add: t("add"), left };
  return (
    <>
      <ul className="grid gap-3">
        {products.map((product) => (
          <ProductCard
            key={product.id}
            slug={slug}
            product={product}
            open={open}
            inCart={cart[product.id]?.quantity ?? 0}
            texts={texts}
          />
        ))}
      </ul>
      {open && <CartBar slug={slug} products={products} />}
    </>
  );
}

interface CardTexts {
  t: ReturnType<typeof useTranslations<"trip">>;
  unlimited: string;
  soldOut: string;
  add: string;
  left: (count: number) => string;
}

function ProductCard({
  slug,
  product,
  open,
  inCart,
  texts,
}: {
  slug: string;
  product: PublicProduct;
  open: boolean;
  inCart: number;
  texts: CardTexts;
}) {
  const { t } = texts;
  const max = maxQuantity(product);
  const soldOut = product.stockAvailable !== null && product.stockAvailable <= 0;
  const stock =
    product.stockAvailable === null
      ? texts.unlimited
      : soldOut
        ? texts.soldOut
        : texts.left(product.stockAvailable);
  return (
    <li className={styles.card} data-testid="product" data-sold-out={soldOut || undefined}>
      {product.imageUrl ? (
        <img
          className={styles.photo}
          src={product.imageUrl}
          alt={t("photoOf", { name: product.name })}
          loading="lazy"
          width={80}
          height={80}
        />
      ) : null}
      <div className={styles.body}>
        <h3 className={styles.name}>{product.name}</h3>
        {product.description ? <p className={styles.note}>{product.description}</p> : null}
        <p className={styles.figures}>
          <span className="font-semibold">{formatRupiah(product.price)}</span>
          <span className={soldOut ? `${styles.stock} ${styles.soldOut}` : styles.stock}>{stock}</span>
        </p>
        {product.maxPerOrder ? (
          <p className={styles.note}>{t("maxPerOrder", { count: product.maxPerOrder })}</p>
        ) : null}
        {open && max > 0 ? (
          <QuantityStepper
            slug={slug}
            product={product}
            max={max}
            quantity={Math.min(inCart, max)}
            texts={texts}
          />
        ) : null}
      </div>
    </li>
  );
}

/** "Add to cart", then − n + within 0..max; the cart is the store, so a reload shows the same numbers. */
function QuantityStepper({
  slug,
  product,
  max,
  quantity,
  texts,
}: {
  slug: string;
  product: PublicProduct;
  /** The most one order may hold (stock left, max per order). */
  max: number;
  quantity: number;
  texts: CardTexts;
}) {
  const { t } = texts;
  const { id: productId, name, price } = product;
  const set = (next: number) =>
    setQuantity(slug, { productId, name, price }, Math.max(0, Math.min(max, next)));

  if (quantity === 0) {
    // No icon here: it is the one control every product shows, and an inline SVG in each of 200 cards was
    // a fifth of the page's HTML.
    return (
      <button type="button" className={styles.add} onClick={() => set(1)}>
        {texts.add}
      </button>
    );
  }
  return (
    <div className="flex items-center gap-2" data-testid="stepper">
      <Button
        variant="secondary"
        size="icon"
        aria-label={t("decrease", { name })}
        onClick={() => set(quantity - 1)}
      >
        <Minus aria-hidden className="size-4" />
      </Button>
      <output
        aria-label={t("quantityOf", { name })}
        aria-live="polite"
        className="min-w-8 text-center font-semibold"
      >
        {quantity}
      </output>
      <Button
        variant="secondary"
        size="icon"
        aria-label={t("increase", { name })}
        disabled={quantity >= max}
        onClick={() => set(quantity + 1)}
      >
        <Plus aria-hidden className="size-4" />
      </Button>
    </div>
  );
}

/** A bar at the bottom of the phone screen once the cart holds something: count, total, checkout. */
function CartBar({ slug, products }: { slug: string; products: PublicProduct[] }) {
  const t = useTranslations("trip");
  const prices = new Map(products.map((p) => [p.id, p.price]));
  // Lines for products no longer on the trip are left to checkout, which corrects them with a message.
  const lines = cartLines(useCart(slug)).filter((line) => prices.has(line.productId));
  if (lines.length === 0) return null;
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);
  const total = lines.reduce((sum, line) => sum + (prices.get(line.productId) ?? 0) * line.quantity, 0);
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
