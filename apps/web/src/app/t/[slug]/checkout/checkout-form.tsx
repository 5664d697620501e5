"use client";

import { formatRupiah } from "@nitip/core/format";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { showServerError, useZodForm } from "../../../../components/form";
import { Button } from "../../../../components/ui/button";
import { Card } from "../../../../components/ui/card";
import { FormField } from "../../../../components/ui/form-field";
import { Input, Textarea } from "../../../../components/ui/input";
import { EmptyState } from "../../../../components/ui/states";
import { ZPlaceOrderInputSchema } from "../../../../server/api/routers/place-order.schema";
import { useTRPC } from "../../../../trpc/react";
import { cartLines, readCart, useCart, writeCart } from "../cart";
import { isTakingOrders } from "../limits";
import type { PublicTrip } from "../load-trip";
import { reconcileCart } from "../reconcile";
import { checkoutKey, endCheckoutAttempt } from "./idempotency";
import { forgetPlaced, type Placed, PlacedOrder, recallPlaced, rememberPlaced } from "./placed-order";

const blankToNull = (value: unknown) => (value === "" ? null : value);

export function CheckoutForm({ trip, open }: { trip: PublicTrip; open: boolean }) {
  const t = useTranslations("trip");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const slug = trip.slug;
  const lines = cartLines(useCart(slug));
  const [notice, setNotice] = useState<string | null>(null);
  const [closed, setClosed] = useState(!open);
  const [placed, setPlaced] = useState<Placed | null>(null);
  const place = useMutation(trpc.order.place.mutationOptions());
  const form = useZodForm(ZPlaceOrderInputSchema, {
    defaultValues: {
      tripSlug: slug,
      idempotencyKey: "",
      items: [],
      guest: { name: "", phone: "", shippingAddress: "" },
    },
  });

  /** Fits the cart to `current` and says what changed; true when something did. */
  function correctCart(current: PublicTrip): boolean {
    const fixed = reconcileCart(readCart(slug), current);
    writeCart(slug, fixed.cart);
    if (fixed.stockChanged.length > 0)
      setNotice(t("soldOutChanged", { names: fixed.stockChanged.join(", ") }));
    else if (fixed.priceChanged.length > 0)
      setNotice(t("priceChanged", { names: fixed.priceChanged.join(", ") }));
    return fixed.stockChanged.length + fixed.priceChanged.length > 0;
  }

  // On arrival: a placed order shown again after a reload, and the cart checked against the trip as
  // rendered now (a price or stock that changed since the guest added the product). Once per visit.
  useEffect(() => {
    setPlaced(recallPlaced(slug));
    correctCart(trip);
  }, []);

  async function onServerRefusal(error: TRPCClientError<never>) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === "TOO_MANY_REQUESTS") return setNotice(t("rateLimited", { detail: error.message }));
    if (
      code === "CONFLICT" ||
      code === "PRECONDITION_FAILED" ||
      code === "NOT_FOUND" ||
      code === "BAD_REQUEST"
    ) {
      // Re-read the trip and fix the cart rather than empty it; nothing was ordered or charged.
      const current = await queryClient.fetchQuery({
        ...trpc.trip.bySlug.queryOptions({ slug }),
        staleTime: 0,
      });
      if (!isTakingOrders(current)) {
        setClosed(true);
        return setNotice(t("tripClosed"));
      }
      if (correctCart(current)) return;
      if (code === "CONFLICT") return setNotice(t("conflict"));
    }
    showServerError(form)(error);
    if (!error.data) setNotice(t("failed", { detail: tc("networkError") }));
  }

  const submit = (event: FormEvent) => {
    setNotice(null);
    const items = lines.map(({ productId, quantity }) => ({ productId, quantity }));
    form.setValue("items", items);
    form.setValue("idempotencyKey", checkoutKey(slug, lines));
    return form.handleSubmit(async (values) => {
      try {
        const result = await place.mutateAsync(values);
        const done: Placed = { ...result.order, token: result.token };
        rememberPlaced(slug, done);
        endCheckoutAttempt(slug);
        writeCart(slug, {});
        setPlaced(done);
        window.scrollTo(0, 0);
      } catch (error) {
        if (error instanceof TRPCClientError) await onServerRefusal(error);
        else setNotice(t("failed", { detail: tc("networkError") }));
      }
    })(event);
  };

  if (placed) {
    return (
      <PlacedOrder
        placed={placed}
        bankAccounts={trip.host.bankAccounts}
        onNewOrder={() => {
          forgetPlaced(slug);
          setPlaced(null);
        }}
      />
    );
  }

  const priceOf = (productId: string) => trip.products.find((p) => p.id === productId)?.price ?? 0;
  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const errors = form.formState.errors;

  return (
    <div className="grid gap-5">
      {notice && (
        <p role="alert" className="rounded-card bg-warn-soft p-3 text-sm" data-testid="checkout-notice">
          {notice}
        </p>
      )}
      {lines.length === 0 ? (
        <EmptyState
          title={t("cartEmpty")}
          description={t("cartEmptyHint")}
          action={
            <Button asChild variant="secondary">
              <Link href={`/t/${slug}`}>{t("backToTrip")}</Link>
            </Button>
          }
        />
      ) : (
        <Card className="grid gap-2" data-testid="cart">
          <ul className="grid gap-1">
            {lines.map((line) => (
              <li key={line.productId} className="flex justify-between gap-3 text-sm" data-testid="cart-line">
                <span>
                  {line.quantity} × {line.name}
                </span>
                <span className="tabular-nums">
                  {formatRupiah((priceOf(line.productId) || line.price) * line.quantity)}
                </span>
              </li>
            ))}
          </ul>
          <p className="flex justify-between border-t border-line pt-2 font-semibold">
            <span>{t("total")}</span>
            <span className="tabular-nums" data-testid="cart-total">
              {formatRupiah(total)}
            </span>
          </p>
        </Card>
      )}
      {lines.length > 0 && !closed && (
        <form onSubmit={submit} noValidate className="grid gap-4" aria-labelledby="details-heading">
          <h2 id="details-heading" className="text-lg font-semibold">
            {t("yourDetails")}
          </h2>
          <FormField label={t("name")} error={errors.guest?.name}>
            <Input autoComplete="name" {...form.register("guest.name")} />
          </FormField>
          <FormField label={t("phone")} description={t("phoneHint")} error={errors.guest?.phone}>
            <Input type="tel" inputMode="tel" autoComplete="tel" {...form.register("guest.phone")} />
          </FormField>
          <FormField label={t("email")} optional error={errors.guest?.email}>
            <Input
              type="email"
              inputMode="email"
              autoComplete="email"
              {...form.register("guest.email", { setValueAs: blankToNull })}
            />
          </FormField>
          <FormField label={t("address")} error={errors.guest?.shippingAddress}>
            <Textarea rows={3} autoComplete="street-address" {...form.register("guest.shippingAddress")} />
          </FormField>
          <FormField label={t("note")} optional error={errors.guest?.note}>
            <Textarea rows={2} {...form.register("guest.note", { setValueAs: blankToNull })} />
          </FormField>
          {errors.items?.message && (
            <p role="alert" className="text-sm text-danger">
              {errors.items.message}
            </p>
          )}
          <Button type="submit" loading={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? tc("sending") : t("placeOrder")}
          </Button>
        </form>
      )}
    </div>
  );
}
