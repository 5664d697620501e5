"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/**
 * Time left until `until`, ticking. Rendered only after mount (the server's clock and the phone's differ, so
 * the server renders nothing here rather than a number that hydration would contradict).
 */
export function Countdown({ until }: { until: Date }) {
  const t = useTranslations("trip");
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (now === null) return null;

  const seconds = Math.max(0, Math.floor((until.getTime() - now) / 1000));
  const parts: string[] = [];
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) parts.push(t("countdown.days", { count: days }));
  if (days > 0 || hours > 0) parts.push(t("countdown.hours", { count: hours }));
  parts.push(t("countdown.minutes", { count: minutes }));
  if (days === 0) parts.push(t("countdown.seconds", { count: seconds % 60 }));
  const left = seconds === 0 ? t("countdown.over") : parts.join(" ");
  return (
    <span data-testid="countdown" className="font-semibold tabular-nums">
      {left}
    </span>
  );
}
