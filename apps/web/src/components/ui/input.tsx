import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn, focusRing } from "./cn";

const control = cn(
  "w-full rounded-xl border border-line bg-surface px-3 text-base text-fg placeholder:text-muted",
  "aria-invalid:border-danger disabled:opacity-60",
  focusRing,
);

// Plain elements, so react-hook-form's `register` spreads straight onto them (ref included, React 19).
export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(control, "min-h-11", className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(control, "min-h-24 py-2", className)} {...props} />;
}

/** A native select: the phone's own picker, keyboard and screen reader support for free. */
export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(control, "min-h-11", className)} {...props} />;
}
