"use client";

import { Slot } from "@radix-ui/react-slot";
import { useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";
import { Label } from "./label";

interface FormFieldProps {
  label: string;
  /** react-hook-form's error for this field (`form.formState.errors.name`), or a server message. */
  error?: { message?: string } | undefined;
  description?: ReactNode;
  optional?: boolean;
  /** Exactly one control (Input, Textarea, Select); it receives id and the aria links. */
  children: ReactNode;
}

/**
 * Label + control + description + inline error, linked for screen readers (aria-describedby,
 * aria-invalid). Error messages that name a key of the `validation` messages (e.g. "validation.required")
 * are shown translated; anything else (zod's own messages, already localised by useZodForm, or a server's
 * message) as written.
 */
export function FormField({ label, error, description, optional, children }: FormFieldProps) {
  const t = useTranslations();
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error?.message ? `${id}-error` : undefined;
  const message = error?.message;
  const shown = message?.startsWith("validation.") && t.has(message) ? t(message) : message;

  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>
        {label}
        {optional && <span className="font-normal text-muted"> ({t("common.optional")})</span>}
      </Label>
      <Slot
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[descriptionId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {children}
      </Slot>
      {description && (
        <p id={descriptionId} className="text-sm text-muted">
          {description}
        </p>
      )}
      {shown && (
        <p id={errorId} className="text-sm font-medium text-danger" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
