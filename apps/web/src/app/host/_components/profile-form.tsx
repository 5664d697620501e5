"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useFieldArray } from "react-hook-form";
import { toast } from "sonner";
import { showServerError, useZodForm } from "../../../components/form";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { Input } from "../../../components/ui/input";
import {
  type TSaveHostProfileInput,
  ZSaveHostProfileSchema,
} from "../../../server/api/routers/host/profile.schema";
import { useTRPC } from "../../../trpc/react";

/** Onboarding and later edits: one form over hostProfile.save's own schema. */
export function ProfileForm({ defaults, next }: { defaults: TSaveHostProfileInput; next: string }) {
  const t = useTranslations("host.onboarding");
  const root = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.hostProfile.save.mutationOptions());
  const form = useZodForm(ZSaveHostProfileSchema, { defaultValues: defaults });
  const accounts = useFieldArray({ control: form.control, name: "bankAccounts" });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    await save
      .mutateAsync(values)
      .then(() => {
        toast.success(t("saved"));
        router.push(next);
        router.refresh();
      })
      .catch(showServerError(form));
  });

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormField label={t("displayName")} error={errors.displayName}>
        <Input autoComplete="name" {...form.register("displayName")} />
      </FormField>
      <FormField label={t("slug")} error={errors.slug} description={t("slugHint")}>
        <Input autoCapitalize="none" spellCheck={false} {...form.register("slug")} />
      </FormField>
      <FormField label={t("whatsappNumber")} error={errors.whatsappNumber} description={t("whatsappHint")}>
        <Input type="tel" inputMode="tel" autoComplete="tel" {...form.register("whatsappNumber")} />
      </FormField>
      <FormField label={t("originCity")} error={errors.originCity} optional>
        <Input {...form.register("originCity")} />
      </FormField>
      <fieldset className="grid gap-3">
        <legend className="mb-2 font-semibold">{t("bankAccounts")}</legend>
        {errors.bankAccounts?.message && (
          <p role="alert" className="text-sm font-medium text-danger">
            {root.has(errors.bankAccounts.message)
              ? root(errors.bankAccounts.message)
              : errors.bankAccounts.message}
          </p>
        )}
        {accounts.fields.map((field, index) => (
          <div key={field.id} className="grid gap-3 rounded-card border border-line p-3 sm:grid-cols-3">
            <FormField label={t("bankName")} error={errors.bankAccounts?.[index]?.bankName}>
              <Input {...form.register(`bankAccounts.${index}.bankName`)} />
            </FormField>
            <FormField label={t("accountNumber")} error={errors.bankAccounts?.[index]?.accountNumber}>
              <Input inputMode="numeric" {...form.register(`bankAccounts.${index}.accountNumber`)} />
            </FormField>
            <FormField label={t("accountHolder")} error={errors.bankAccounts?.[index]?.accountHolder}>
              <Input {...form.register(`bankAccounts.${index}.accountHolder`)} />
            </FormField>
            {accounts.fields.length > 1 && (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => accounts.remove(index)}
                className="sm:col-span-3"
              >
                <Trash2 aria-hidden className="size-4" />
                {t("removeAccount")}
              </Button>
            )}
          </div>
        ))}
        {accounts.fields.length < 5 && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => accounts.append({ bankName: "", accountNumber: "", accountHolder: "" })}
          >
            <Plus aria-hidden className="size-4" />
            {t("addAccount")}
          </Button>
        )}
      </fieldset>
      <Button type="submit" loading={form.formState.isSubmitting}>
        {t("submit")}
      </Button>
    </form>
  );
}
