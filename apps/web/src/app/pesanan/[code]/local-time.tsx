"use client";

import { useLocale } from "next-intl";
import { useEffect, useState } from "react";
import { appTimeZone, formatAt, indonesianZones } from "./time";

/** A moment in the viewer's Indonesian zone (WIB before hydration, the same text the server rendered). */
export function LocalTime({ at, style = "long" }: { at: Date; style?: "long" | "short" }) {
  const locale = useLocale();
  const [zone, setZone] = useState(appTimeZone);
  useEffect(() => {
    const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (viewer in indonesianZones) setZone(viewer);
  }, []);
  return <time dateTime={at.toISOString()}>{formatAt(at, locale, zone, style)}</time>;
}
