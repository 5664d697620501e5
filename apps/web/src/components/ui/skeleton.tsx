import { cn } from "./cn";

/** A grey placeholder while data loads; loading.tsx files compose these into the page's rough shape. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-xl bg-line", className)} />;
}

/** A whole-page placeholder for loading.tsx: a title and a few cards, announced to screen readers. */
export function PageSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="mx-auto grid w-full max-w-5xl gap-4 px-4 py-6" role="status" aria-label={label}>
      <Skeleton className="h-8 w-2/3" />
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-24 w-full" />
      ))}
    </div>
  );
}
