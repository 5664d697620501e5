// CSV that opens correctly in Excel and Google Sheets: UTF-8 with a BOM (so Excel reads names like "Sari Ayu
// ç" right), CRLF rows, RFC 4180 quoting, numbers as plain digits, and text that a spreadsheet would run as
// a formula (=, +, -, @, tab, CR first) prefixed with a quote so it shows as text instead.
export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
