// Dates for the workspace's forms, in WIB like the rest of Nitip's text.
const wib = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Jakarta",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** For <input type="datetime-local">: "2026-12-10T23:59". */
export function toLocalInput(at: Date): string {
  return wib.format(at).replace(" ", "T");
}

/** For <input type="date">: a DATE column's day. */
export function toDayInput(day: Date): string {
  return day.toISOString().slice(0, 10);
}
