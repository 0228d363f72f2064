/**
 * The one CSV formula guard, for every CSV the extension writes (the link table and the history
 * exports). A spreadsheet runs a cell that starts with = + - @ as a formula — also their
 * full-width forms (＝ ＋ － ＠), and after leading whitespace or control characters (spaces,
 * tab, CR, LF). Such cells get a leading apostrophe so they are shown as text (OWASP "CSV
 * injection"). Multi-line cells are matched on their first line (papaparse's own guard is not).
 */
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
