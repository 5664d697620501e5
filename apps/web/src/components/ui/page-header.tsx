import type { ReactNode } from "react";

/** A page's title, an optional line under it, and its main actions (right of the title on a laptop). */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {description && <p className="text-muted">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

/** The content column under the site header: full width on a phone, bounded on a laptop. */
export function PageShell({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto grid w-full max-w-5xl gap-6 px-4 py-6">
      {children}
    </main>
  );
}
