/** Joins class names, skipping falsy ones: `cn("a", busy && "b")`. */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}

/** The one focus ring every interactive element shares (visible on keyboard focus only). */
export const focusRing =
  "outline-none focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2 focus-visible:ring-offset-bg";
