/**
 * Rows as CSV (RFC 4180): every field quoted, quotes doubled, CRLF line ends, with a byte-order mark
 * so spreadsheet programs read the accents in people's names as UTF-8. A field that a spreadsheet
 * would run as a formula (starting =, +, -, @, tab or carriage return) is prefixed with an apostrophe
 * (OWASP's advice on CSV injection): a name typed as "=HYPERLINK(…)" stays text.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
