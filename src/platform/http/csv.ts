import { stringify } from "csv-stringify/sync";

/**
 * Rows as CSV (RFC 4180, through csv-stringify): every field quoted, CRLF line ends, with a byte-order
 * mark so spreadsheet programs read the accents in people's names as UTF-8. A field that a spreadsheet
 * would run as a formula (starting =, +, -, @, tab or carriage return) is prefixed with an apostrophe
 * (OWASP's advice on CSV injection): a name typed as "=HYPERLINK(…)" stays text.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(defused)),
    { bom: true, quoted: true, quoted_empty: true, record_delimiter: "windows" },
  );
}

const defused = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
