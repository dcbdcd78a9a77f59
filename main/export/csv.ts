/**
 * A cell a spreadsheet would run as a formula: one starting with = + - @ (ASCII or full-width, which
 * spreadsheets normalise), also after leading whitespace they trim, or with a tab or carriage return.
 */
const FORMULA_TRIGGER = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** RFC 4180 quoting; a formula trigger is prefixed with ' so the cell stays text. */
export function csvCell(value: string): string {
  const safe = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
