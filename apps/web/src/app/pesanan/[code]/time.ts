// Times on the order page: a deadline the guest must meet, always with its zone named (WIB, WITA, WIT), so
// "23.59" is never ambiguous across Indonesia's three zones. The server renders WIB (the app's zone);
// LocalTime switches to the viewer's zone after mount when it is another Indonesian one.
export const appTimeZone = "Asia/Jakarta";

export const indonesianZones: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

// Building an Intl.DateTimeFormat costs far more than formatting with one (a tenth of a millisecond), and a
// page shows a time per timeline event: one formatter per language, zone and style, for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, timeZone: string, style: "long" | "short"): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
      ...(style === "long" ? { weekday: "long", year: "numeric" } : {}),
      day: "numeric",
      month: style === "long" ? "long" : "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatAt(at: Date, locale: string, timeZone = appTimeZone, style: "long" | "short" = "long") {
  const text = formatterFor(locale, timeZone, style).format(at);
  return `${text} ${indonesianZones[timeZone] ?? indonesianZones[appTimeZone]}`;
}
