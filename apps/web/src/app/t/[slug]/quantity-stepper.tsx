"use client";

import { Minus, Plus, ShoppingCart } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "../../../components/ui/button";
import { setQuantity, useCart } from "./cart";

interface QuantityStepperProps {
  slug: string;
  productId: string;
  name: string;
  price: number;
  /** The most one order may hold (stock left, max per order). */
  max: number;
}

/** "Add to cart", then − n + within 0..max; the cart is the store, so a reload shows the same numbers. */
export function QuantityStepper({ slug, productId, name, price, max }: QuantityStepperProps) {
  const t = useTranslations("trip");
  const quantity = Math.min(useCart(slug)[productId]?.quantity ?? 0, max);
  const set = (next: number) =>
    setQuantity(slug, { productId, name, price }, Math.max(0, Math.min(max, next)));

  if (quantity === 0) {
    return (
      <Button variant="secondary" size="sm" className="justify-self-start" onClick={() => set(1)}>
        <ShoppingCart aria-hidden className="size-4" />
        {t("add")}
      </Button>
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
