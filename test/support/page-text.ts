/**
 * What a page says, for matching its words: the HTML's tags become spaces, the entities the views
 * escape (an apostrophe, a double quote, an ampersand) are decoded, and every run of whitespace is
 * one space.
 */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
