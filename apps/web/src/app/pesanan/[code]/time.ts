// Times on the order page: a deadline the guest must meet, always with its zone named (WIB, WITA, WIT), so
// "23.59" is never ambiguous across Indonesia's three zones. The server renders WIB (the app's zone);
// LocalTime switches to the viewer's zone after mount when it is another Indonesian one.
import { timeZone as appTimeZone } from "../../../i18n/config";
import { dateTimeFormat } from "../../../i18n/date-format";

export { appTimeZone };

export const indonesianZones: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export function formatAt(at: Date, locale: string, timeZone = appTimeZone, style: "long" | "short" = "long") {
  const text = dateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    ...(style === "long" ? { weekday: "long", year: "numeric" } : {}),
    day: "numeric",
    month: style === "long" ? "long" : "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(at);
  return `${text} ${indonesianZones[timeZone] ?? indonesianZones[appTimeZone]}`;
}
