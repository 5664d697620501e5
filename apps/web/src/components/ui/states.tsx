import { AlertTriangle, Inbox } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

interface StateProps {
  title: string;
  description?: ReactNode;
  /** A button or link: what the user can do next. */
  action?: ReactNode;
  className?: string;
}

/** Nothing here yet: says so and offers the first step ("Create your first trip"). */
export function EmptyState({ title, description, action, className }: StateProps) {
  return (
    <div
      className={cn(
        "grid justify-items-center gap-2 rounded-card border border-dashed border-line p-8 text-center",
        className,
      )}
      data-testid="empty-state"
    >
      <Inbox aria-hidden className="size-8 text-muted" />
      <p className="font-semibold">{title}</p>
      {description && <p className="text-sm text-muted">{description}</p>}
      {action}
    </div>
  );
}

/** Something failed: what happened in plain words and a way out (retry, go back). */
export function ErrorState({ title, description, action, className }: StateProps) {
  return (
    <div
      role="alert"
      className={cn("grid justify-items-center gap-2 rounded-card bg-danger-soft p-8 text-center", className)}
    >
      <AlertTriangle aria-hidden className="size-8 text-danger" />
      <p className="font-semibold">{title}</p>
      {description && <p className="text-sm">{description}</p>}
      {action}
    </div>
  );
}
