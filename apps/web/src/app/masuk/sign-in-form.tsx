"use client";

import { Mail } from "lucide-react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { useZodForm } from "../../components/form";
import { Button } from "../../components/ui/button";
import { FormField } from "../../components/ui/form-field";
import { Input } from "../../components/ui/input";
import { signInInput } from "../../server/auth/sign-in.schema";
import { signInErrorKey } from "./errors";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const form = useZodForm(signInInput, { defaultValues: { email: "" } });

  const submit = form.handleSubmit(async ({ email }) => {
    try {
      const result = await signIn("email", { email, callbackUrl, redirect: false });
      if (result?.error || !result?.ok) {
        toast.error(t(`errors.${signInErrorKey(result?.error)}`));
        return;
      }
      router.push("/masuk/cek-email");
    } catch {
      toast.error(t("errors.EmailSignin"));
    }
  });

  return (
    <form onSubmit={submit} noValidate className="grid gap-4">
      <FormField label={t("emailLabel")} error={form.formState.errors.email}>
        <Input
          type="email"
          autoComplete="email"
          inputMode="email"
          placeholder={t("emailPlaceholder")}
          {...form.register("email")}
        />
      </FormField>
      <Button type="submit" loading={form.formState.isSubmitting || form.formState.isSubmitSuccessful}>
        <Mail aria-hidden className="size-4" />
        {t("submit")}
      </Button>
    </form>
  );
}
