/**
 * The agreement PDF's typography and page geometry, and the few drawing steps everything else is built
 * from: write a paragraph, measure text, and start a new page when something would not fit.
 *
 * Fonts are DejaVu Sans, embedded from the `dejavu-fonts-ttf` npm package: never a system font and
 * never the PDF standard fonts (Helvetica has no glyphs beyond Latin-1, so "Łukasz" or "Ní Bhriain"
 * would be mangled). pdfkit embeds a subset with a ToUnicode map, so the text can be searched,
 * copied and extracted with its accents.
 */
import { createRequire } from "node:module";
import type { Structure } from "../../../../platform/pdf/tagged";

const require = createRequire(import.meta.url);
export const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
export const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

export const COLOUR = { text: "#0b0c0c", secondary: "#505a5f", border: "#b1b4b6", fill: "#f3f2f1", draft: "#d4351c", link: "#1d70b8" };
export const SIZE = { title: 20, section: 14, heading: 11.5, body: 10, label: 9.5, small: 8.5 };
export const MARGIN = { top: 60, bottom: 60, left: 56, right: 56 };
export const CELL_PAD = 4;
/** Don't start a section or a group this close to the bottom of a page. */
export const KEEP_WITH_NEXT = 70;

/** The document being drawn, with its structure tree (tagged PDF): every text is written as a heading or paragraph of it. */
export type Doc = PDFKit.PDFDocument & { readonly structure: Structure };

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
export const pageContentHeight = (doc: Doc) => doc.page.height - doc.page.margins.top - doc.page.margins.bottom;

export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export function measure(doc: Doc, font: string, size: number, text: string, width: number): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width });
}

/** A paragraph (or, `as`, a heading) across the content width, tagged as such in the structure tree. */
export function write(
  doc: Doc,
  text: string,
  options: { font?: string; size?: number; colour?: string; gap?: number; as?: "H1" | "H2" | "H3" | "P" } = {},
): void {
  doc.x = doc.page.margins.left;
  doc
    .font(options.font ?? REGULAR)
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.colour ?? COLOUR.text)
    .text(text, { width: contentWidth(doc), ...doc.structure.as(options.as ?? "P") });
  doc.moveDown(options.gap ?? 0.4);
}
