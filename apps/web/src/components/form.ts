"use client";

// The form pattern every page follows:
//   const form = useZodForm(createTripInput, { defaultValues });   // the procedure's own zod schema
//   const mutation = useMutation(trpc.trip.create.mutationOptions());
//   <form onSubmit={form.handleSubmit((values) => mutation.mutateAsync(values).catch(showServerError(form)))}>
//     <FormField label=... error={form.formState.errors.title}><Input {...form.register("title")} /></FormField>
//     <Button type="submit" loading={form.formState.isSubmitting}>...</Button>
// Client-side validation uses the same schema as the server, with zod's messages in the user's language;
// what only the server knows (slug taken, a lost race) comes back as a field error or a toast.
import { zodResolver } from "@hookform/resolvers/zod";
import { TRPCClientError } from "@trpc/client";
import { useLocale } from "next-intl";
import { type FieldValues, type Path, type UseFormProps, type UseFormReturn, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { isLocale } from "../i18n/config";
import { zodErrorMap } from "../i18n/zod";

export function useZodForm<Input extends FieldValues, Output extends FieldValues>(
  schema: z.ZodType<Output, Input>,
  options?: Omit<UseFormProps<Input, unknown, Output>, "resolver">,
): UseFormReturn<Input, unknown, Output> {
  const locale = useLocale();
  return useForm<Input, unknown, Output>({
    mode: "onTouched",
    ...options,
    resolver: zodResolver(schema, { error: zodErrorMap(isLocale(locale) ? locale : "id") }),
  });
}

/**
 * For a failed mutation: the server's field errors (tRPC `data.zodError`) go next to their fields, anything
 * else (a domain rule, a lost race, the network) to a toast with the server's message.
 */
export function showServerError<Input extends FieldValues, Output>(
  form: UseFormReturn<Input, unknown, Output>,
) {
  return (error: unknown): void => {
    if (error instanceof TRPCClientError) {
      const fieldErrors = (
        error.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined
      )?.zodError?.fieldErrors;
      const entries = Object.entries(fieldErrors ?? {}).filter(([, messages]) => messages?.[0]);
      for (const [field, messages] of entries) {
        form.setError(field as Path<Input>, { type: "server", message: messages[0] });
      }
      if (entries.length > 0) return;
      toast.error(error.message);
      return;
    }
    toast.error(error instanceof Error ? error.message : String(error));
  };
}
