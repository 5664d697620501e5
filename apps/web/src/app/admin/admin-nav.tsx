"use client";
// The admin pages' menu: scrolls sideways on a phone, marks the page you are on for screen readers too.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn, focusRing } from "../../components/ui/cn";

export function AdminNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mx-1 overflow-x-auto px-1 pb-1">
      <ul className="flex gap-2 text-sm whitespace-nowrap">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-block rounded-full px-3 py-1.5 no-underline",
                  current ? "bg-accent text-accent-fg" : "bg-line hover:bg-accent-soft",
                  focusRing,
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
