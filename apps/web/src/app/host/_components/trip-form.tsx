"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { showServerError, useZodForm } from "../../../components/form";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { Input, Select } from "../../../components/ui/input";
import { ZTripFieldsSchema } from "../../../server/api/routers/host/trips.schema";
import { useTRPC } from "../../../trpc/react";

export interface TripFormDefaults {
  title: string;
  destination: string;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  /** YYYY-MM-DDTHH:mm in WIB, for datetime-local */
  orderDeadline: string;
  paymentType: "dp" | "full";
  dpPercent: number | null;
  dpWindowMinutes: number | null;
}

const optionalNumber = { setValueAs: (v: unknown) => (v === "" || v === null ? null : Number(v)) };

/** Create (no tripId) or edit a trip with hostTrip.create / hostTrip.update's schema. */
export function TripForm({ tripId, defaults }: { tripId?: string; defaults: TripFormDefaults }) {
  const t = useTranslations("host.tripForm");
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.hostTrip.create.mutationOptions());
  const update = useMutation(trpc.hostTrip.update.mutationOptions());
  const form = useZodForm(ZTripFieldsSchema, { defaultValues: defaults });
  const errors = form.formState.errors;
  const paymentType = form.watch("paymentType");

  const onSubmit = form.handleSubmit(async (values) => {
    const saved = tripId ? update.mutateAsync({ tripId, trip: values }) : create.mutateAsync(values);
    await saved
      .then((trip) => {
        toast.success(tripId ? t("saved") : t("created"));
        router.push(`/host/trips/${trip.id}`);
        router.refresh();
      })
      .catch(showServerError(form));
  });

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormField label={t("titleField")} error={errors.title}>
        <Input {...form.register("title")} />
      </FormField>
      <FormField label={t("destination")} error={errors.destination}>
        <Input {...form.register("destination")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t("startsOn")} error={errors.startsOn}>
          <Input type="date" {...form.register("startsOn")} />
        </FormField>
        <FormField label={t("endsOn")} error={errors.endsOn}>
          <Input type="date" {...form.register("endsOn")} />
        </FormField>
      </div>
      <FormField label={t("orderDeadline")} error={errors.orderDeadline}>
        <Input type="datetime-local" {...form.register("orderDeadline")} />
      </FormField>
      <FormField label={t("paymentType")} error={errors.paymentType}>
        <Select {...form.register("paymentType")}>
          <option value="dp">{t("dp")}</option>
          <option value="full">{t("full")}</option>
        </Select>
      </FormField>
      {paymentType === "dp" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label={t("dpPercent")}
            error={errors.dpPercent}
            description={t("dpPercentHint")}
            optional
          >
            <Input type="number" inputMode="numeric" {...form.register("dpPercent", optionalNumber)} />
          </FormField>
          <FormField
            label={t("dpWindowMinutes")}
            error={errors.dpWindowMinutes}
            description={t("dpWindowHint")}
            optional
          >
            <Input type="number" inputMode="numeric" {...form.register("dpWindowMinutes", optionalNumber)} />
          </FormField>
        </div>
      )}
      <Button type="submit" loading={form.formState.isSubmitting}>
        {tripId ? t("save") : t("create")}
      </Button>
    </form>
  );
}
