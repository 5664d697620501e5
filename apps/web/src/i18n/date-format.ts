import { timeZone as appTimeZone } from "./config";

// next-intl's `getFormatter()` keeps its Intl formatters for one request, and building an Intl.DateTimeFormat
// costs far more than formatting with one (on the trip page, its two dates were 3% of the server's time; on
// the order page, one per time shown was 3%). These are kept for the life of the process: one per language
// and set of options, both fixed by the code. Used on the server and in the browser alike.
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * What next-intl's `format.dateTime` / `format.dateTimeRange` use for `options`, the same text: the request's
 * locale, and the app's time zone unless `options` names one.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: appTimeZone, ...options });
    formats.set(key, format);
  }
  return format;
}
