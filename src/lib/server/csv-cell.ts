/** A cell a spreadsheet would run as a formula: OWASP's list of first characters. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`, and
 * also a phone number `+33…`) starts with a `'`, as OWASP recommends; numbers (a western longitude) stay
 * numbers. Lists are joined with `|`. Quoted when it holds the separator, a quote or a line break.
 */
export function csvCell(value: unknown, separator: ',' | ';' = ','): string {
  if (value == null) return '';
  const raw = Array.isArray(value) ? value.join('|') : String(value);
  const text = typeof value !== 'number' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
