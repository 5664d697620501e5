"use client";

import { formatRupiah } from "@nitip/core/format";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { showServerError, useZodForm } from "../../../components/form";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { Input } from "../../../components/ui/input";
import { EmptyState } from "../../../components/ui/states";
import { ZAddProductSchema } from "../../../server/api/routers/host/products.schema";
import { useTRPC } from "../../../trpc/react";

export interface ProductRow {
  id: string;
  name: string;
  price: number;
  stockAvailable: number | null;
  maxPerOrder: number | null;
  status: "active" | "hidden";
  reservedUnits: number;
  soldUnits: number;
}

const optionalNumber = { setValueAs: (v: unknown) => (v === "" || v === null ? null : Number(v)) };
const ZAddProductFormSchema = ZAddProductSchema.shape.product;

function errorText(error: unknown) {
  return error instanceof TRPCClientError ? error.message : String(error);
}

function AddProductForm({ tripId }: { tripId: string }) {
  const t = useTranslations("host.products");
  const trpc = useTRPC();
  const router = useRouter();
  const add = useMutation(trpc.hostProduct.add.mutationOptions());
  const form = useZodForm(ZAddProductFormSchema, {
    defaultValues: { name: "", price: 0, stockAvailable: 10, maxPerOrder: null, imageUrl: "" },
  });
  const errors = form.formState.errors;
  const [unlimited, setUnlimited] = useState(false);
  const onSubmit = form.handleSubmit(async (product) => {
    await add
      .mutateAsync({
        tripId,
        product: { ...product, stockAvailable: unlimited ? null : product.stockAvailable },
      })
      .then(() => {
        toast.success(t("added"));
        form.reset();
        router.refresh();
      })
      .catch(showServerError(form));
  });
  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate aria-label={t("add")}>
      <FormField label={t("name")} error={errors.name}>
        <Input {...form.register("name")} />
      </FormField>
      <FormField label={t("price")} error={errors.price}>
        <Input type="number" inputMode="numeric" {...form.register("price", { valueAsNumber: true })} />
      </FormField>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" checked={unlimited} onChange={(e) => setUnlimited(e.target.checked)} />
        {t("unlimited")}
      </label>
      {!unlimited && (
        <FormField label={t("stock")} error={errors.stockAvailable}>
          <Input type="number" inputMode="numeric" {...form.register("stockAvailable", optionalNumber)} />
        </FormField>
      )}
      <FormField label={t("maxPerOrder")} error={errors.maxPerOrder} optional>
        <Input type="number" inputMode="numeric" {...form.register("maxPerOrder", optionalNumber)} />
      </FormField>
      <FormField label={t("imageUrl")} error={errors.imageUrl} optional>
        <Input type="url" {...form.register("imageUrl")} />
      </FormField>
      <Button type="submit" loading={form.formState.isSubmitting} className="sm:col-span-2">
        {t("add")}
      </Button>
    </form>
  );
}

const ZStockFormSchema = z.object({ stock: z.number().int().min(0).max(100_000) });

function StockDialog({ product }: { product: ProductRow }) {
  const t = useTranslations("host.products");
  const trpc = useTRPC();
  const router = useRouter();
  const setStock = useMutation(trpc.hostProduct.setStock.mutationOptions());
  const [value, setValue] = useState(product.stockAvailable === null ? "" : String(product.stockAvailable));
  const parsed = ZStockFormSchema.safeParse({ stock: value === "" ? null : Number(value) });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm">
          {t("setStock")}
        </Button>
      }
      title={t("setStock")}
      description={t("setStockHint")}
      confirmLabel={t("saveStock")}
      onConfirm={() =>
        setStock
          .mutateAsync({
            productId: product.id,
            expected: product.stockAvailable,
            stockAvailable: value === "" ? null : Number(value),
          })
          .then(
            () => {
              toast.success(t("stockSaved"));
              router.refresh();
            },
            (error: unknown) => {
              toast.error(errorText(error));
              router.refresh();
              throw error;
            },
          )
      }
      confirmDisabled={value !== "" && !parsed.success}
    >
      <FormField label={t("stock")} description={t("unlimited")}>
        <Input type="number" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
      </FormField>
    </ConfirmDialog>
  );
}

/** A trip's products with remaining stock, and the add / stock / hide actions. */
export function ProductPanel({
  tripId,
  products,
  editable,
}: {
  tripId: string;
  products: ProductRow[];
  editable: boolean;
}) {
  const t = useTranslations("host.products");
  const trpc = useTRPC();
  const router = useRouter();
  const setHidden = useMutation(trpc.hostProduct.setHidden.mutationOptions());
  return (
    <section className="grid gap-3" aria-labelledby="products-title">
      <h2 id="products-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {products.length === 0 && <EmptyState title={t("empty")} />}
      <ul className="grid gap-2">
        {products.map((p) => (
          <li key={p.id}>
            <Card className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
              <div className="grid gap-1">
                <p className="font-semibold">
                  {p.name} {p.status === "hidden" && <Badge tone="muted">{t("hidden")}</Badge>}
                </p>
                <p className="text-sm text-muted">
                  {formatRupiah(p.price)} ·{" "}
                  {p.stockAvailable === null
                    ? t("remainingUnlimited")
                    : t("remaining", { count: p.stockAvailable })}{" "}
                  · {t("held", { reserved: p.reservedUnits, sold: p.soldUnits })}
                </p>
              </div>
              {editable && (
                <div className="flex gap-2">
                  <StockDialog product={p} />
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() =>
                      setHidden.mutateAsync({ productId: p.id, hidden: p.status === "active" }).then(
                        () => router.refresh(),
                        (error: unknown) => toast.error(errorText(error)),
                      )
                    }
                  >
                    {p.status === "active" ? t("hide") : t("show")}
                  </Button>
                </div>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {editable && (
        <Card>
          <AddProductForm tripId={tripId} />
        </Card>
      )}
    </section>
  );
}
