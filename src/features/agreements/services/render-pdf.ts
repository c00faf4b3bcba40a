import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { AgreementDocument } from "../domain/document";
import { type Block, type DocumentOutline, type OutlineRow, type OutlineSection, outlineAgreement } from "../domain/outline";

/**
 * The PDF of one agreement version, drawn from the same outline as the printable HTML page.
 *
 * Fonts are DejaVu Sans, embedded from the `dejavu-fonts-ttf` npm package: never a system font and
 * never the PDF standard fonts (Helvetica has no glyphs beyond Latin-1, so "Łukasz" or "Ní Bhriain"
 * would be mangled). pdfkit embeds a subset with a ToUnicode map, so the text can be searched,
 * copied and extracted with its accents.
 */

const require = createRequire(import.meta.url);
const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

const COLOUR = { text: "#0b0c0c", secondary: "#505a5f", border: "#b1b4b6", fill: "#f3f2f1", draft: "#d4351c", link: "#1d70b8" };
const SIZE = { title: 20, section: 14, heading: 11.5, body: 10, label: 9.5, small: 8.5 };
const MARGIN = { top: 60, bottom: 60, left: 56, right: 56 };
const CELL_PAD = 4;
/** Don't start a section or a group this close to the bottom of a page. */
const KEEP_WITH_NEXT = 70;

type Doc = PDFKit.PDFDocument;

/** `link` is the agreement's register entry at the public base URL: the title block links to it. */
export async function renderAgreementPdf(agreement: AgreementDocument, link: string): Promise<Buffer> {
  const outline = outlineAgreement(agreement);
  const created = new Date(agreement.generatedAt);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    // The initial font: without it pdfkit loads Helvetica.
    font: REGULAR,
    lang: "en-GB",
    displayTitle: true,
    info: {
      Title: `${outline.reference}: ${outline.title} (version ${outline.version})`,
      Author: agreement.owner.name,
      Subject: "Data sharing agreement",
      Keywords: `data sharing agreement, ${outline.reference}, safeguarding`,
      Creator: "Safeshare",
      CreationDate: created,
      ModDate: created,
    },
  });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  titleBlock(doc, outline, link);
  for (const section of outline.sections) drawSection(doc, section);
  runningHeadersAndFooters(doc, outline);
  doc.end();
  return done;
}

// ---- Geometry helpers ----

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const pageContentHeight = (doc: Doc) => doc.page.height - doc.page.margins.top - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function measure(doc: Doc, font: string, size: number, text: string, width: number): number {
  return doc.font(font).fontSize(size).heightOfString(text, { width });
}

function write(doc: Doc, text: string, options: { font?: string; size?: number; colour?: string; gap?: number } = {}): void {
  doc.x = doc.page.margins.left;
  doc
    .font(options.font ?? REGULAR)
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.colour ?? COLOUR.text)
    .text(text, { width: contentWidth(doc) });
  doc.moveDown(options.gap ?? 0.4);
}

// ---- Title block ----

function titleBlock(doc: Doc, outline: DocumentOutline, link: string): void {
  write(doc, `Data sharing agreement ${outline.reference}`, { size: SIZE.body, colour: COLOUR.secondary, gap: 0.2 });
  write(doc, outline.title, { font: BOLD, size: SIZE.title, gap: 0.4 });
  if (outline.draftMarker) {
    const y = doc.y;
    const height = measure(doc, BOLD, SIZE.heading, outline.draftMarker, contentWidth(doc) - 16) + 12;
    doc.save().lineWidth(2).strokeColor(COLOUR.draft).rect(doc.page.margins.left, y, contentWidth(doc), height).stroke().restore();
    doc
      .font(BOLD)
      .fontSize(SIZE.heading)
      .fillColor(COLOUR.draft)
      .text(outline.draftMarker, doc.page.margins.left + 8, y + 6, { width: contentWidth(doc) - 16 });
    doc.y = y + height;
    doc.moveDown(0.6);
  }
  drawRows(doc, [
    { label: "Reference", value: outline.reference },
    { label: "Version", value: String(outline.version) },
    { label: "Status", value: outline.statusLabel },
    { label: "Owner", value: outline.ownerName },
    { label: "Produced", value: outline.generatedOn },
  ]);
  for (const notice of outline.notices) write(doc, notice, { font: BOLD, colour: COLOUR.draft });
  doc.x = doc.page.margins.left;
  doc
    .font(REGULAR)
    .fontSize(SIZE.label)
    .fillColor(COLOUR.link)
    .text("The agreement in the Safeshare register", { width: contentWidth(doc), link, underline: true });
  doc.moveDown(0.6);
}

// ---- Sections and blocks ----

function drawSection(doc: Doc, section: OutlineSection): void {
  ensureSpace(doc, KEEP_WITH_NEXT);
  doc.moveDown(0.4);
  write(doc, `${section.number}. ${section.title}`, { font: BOLD, size: SIZE.section, gap: 0.3 });
  if (section.inheritedFrom) {
    write(doc, `Inherited from ${section.inheritedFrom} (the tier 1 agreement this one sits under).`, {
      colour: COLOUR.secondary,
      size: SIZE.label,
    });
  }
  for (const block of section.blocks) drawBlock(doc, block);
}

function drawBlock(doc: Doc, block: Block): void {
  switch (block.kind) {
    case "paragraph":
      write(doc, block.text, { gap: 0.6 });
      return;
    case "rows":
      if (block.heading) {
        ensureSpace(doc, KEEP_WITH_NEXT);
        write(doc, block.heading, { font: BOLD, size: SIZE.heading, gap: 0.2 });
      }
      drawRows(doc, block.rows);
      doc.moveDown(0.6);
      return;
    case "table":
      if (block.caption) {
        ensureSpace(doc, KEEP_WITH_NEXT);
        write(doc, block.caption, { font: BOLD, size: SIZE.heading, gap: 0.2 });
      }
      drawTable(doc, block.head, block.rows);
      doc.moveDown(0.6);
      return;
  }
}

/** A key/value list, like a GOV.UK summary list: label on the left, value on the right, a rule between. */
function drawRows(doc: Doc, rows: OutlineRow[]): void {
  const left = doc.page.margins.left;
  const labelWidth = contentWidth(doc) * 0.34;
  const valueX = left + labelWidth + 8;
  const valueWidth = contentWidth(doc) - labelWidth - 8;
  for (const row of rows) {
    const height =
      Math.max(measure(doc, BOLD, SIZE.label, row.label, labelWidth), measure(doc, REGULAR, SIZE.body, row.value, valueWidth)) +
      2 * CELL_PAD;
    if (height > pageContentHeight(doc)) {
      // Longer than a whole page: let the value flow across pages under its label.
      ensureSpace(doc, KEEP_WITH_NEXT);
      write(doc, row.label, { font: BOLD, size: SIZE.label, gap: 0.2 });
      write(doc, row.value, { gap: 0.6 });
      continue;
    }
    ensureSpace(doc, height);
    const top = doc.y;
    doc
      .font(BOLD)
      .fontSize(SIZE.label)
      .fillColor(COLOUR.text)
      .text(row.label, left, top + CELL_PAD, { width: labelWidth });
    doc
      .font(REGULAR)
      .fontSize(SIZE.body)
      .fillColor(COLOUR.text)
      .text(row.value, valueX, top + CELL_PAD, { width: valueWidth });
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(COLOUR.border)
      .moveTo(left, top + height)
      .lineTo(left + contentWidth(doc), top + height)
      .stroke()
      .restore();
    doc.x = left;
    doc.y = top + height;
  }
}

/**
 * Column widths: each column at least as wide as its longest word (so no word is split mid-way), the
 * rest shared in proportion to how much text each column holds.
 */
function columnWidths(doc: Doc, total: number, head: string[], rows: string[][]): number[] {
  const widestWord = (text: string, font: string, size: number) => {
    doc.font(font).fontSize(size);
    return Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(w)));
  };
  const minimums = head.map(
    (h, j) => Math.max(widestWord(h, BOLD, SIZE.label), ...rows.map((r) => widestWord(r[j] ?? "", REGULAR, SIZE.body))) + 2 * CELL_PAD + 1,
  );
  const meanLength = (j: number) => rows.reduce((sum, r) => sum + (r[j] ?? "").length, 0) / (rows.length || 1);
  const weights = head.map((h, j) => Math.min(80, Math.max(h.length / 3, meanLength(j))));
  const spare = total - minimums.reduce((a, b) => a + b, 0);
  if (spare <= 0) return minimums.map((m) => (m * total) / (total - spare));
  const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
  return minimums.map((m, j) => m + (spare * (weights[j] ?? 0)) / weightSum);
}

/** A bordered table whose header row repeats at the top of each page it continues onto. */
function drawTable(doc: Doc, head: string[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const widths = columnWidths(doc, contentWidth(doc), head, rows);
  const xs = widths.map((_, j) => left + widths.slice(0, j).reduce((a, b) => a + b, 0));
  const rowHeight = (cells: string[], font: string, size: number) =>
    Math.max(...cells.map((cell, j) => measure(doc, font, size, cell, (widths[j] ?? 0) - 2 * CELL_PAD))) + 2 * CELL_PAD;

  const drawRow = (cells: string[], header: boolean) => {
    const font = header ? BOLD : REGULAR;
    const size = header ? SIZE.label : SIZE.body;
    const height = rowHeight(cells, font, size);
    const top = doc.y;
    cells.forEach((cell, j) => {
      const x = xs[j] ?? left;
      const width = widths[j] ?? 0;
      doc.save().lineWidth(0.5).strokeColor(COLOUR.border);
      if (header) doc.fillColor(COLOUR.fill).rect(x, top, width, height).fillAndStroke();
      else doc.rect(x, top, width, height).stroke();
      doc.restore();
      doc
        .font(font)
        .fontSize(size)
        .fillColor(COLOUR.text)
        .text(cell, x + CELL_PAD, top + CELL_PAD, { width: width - 2 * CELL_PAD });
    });
    doc.x = left;
    doc.y = top + height;
  };

  const headerHeight = rowHeight(head, BOLD, SIZE.label);
  const firstRowHeight = rows[0] ? rowHeight(rows[0], REGULAR, SIZE.body) : 0;
  ensureSpace(doc, headerHeight + Math.min(firstRowHeight, pageContentHeight(doc) / 2));
  drawRow(head, true);
  for (const row of rows) {
    const height = rowHeight(row, REGULAR, SIZE.body);
    if (height + headerHeight > pageContentHeight(doc)) {
      // A row too tall for any page: print it as labelled paragraphs instead, so nothing is cut off.
      row.forEach((cell, j) => {
        ensureSpace(doc, KEEP_WITH_NEXT);
        write(doc, head[j] ?? "", { font: BOLD, size: SIZE.label, gap: 0.1 });
        write(doc, cell, { gap: 0.3 });
      });
      continue;
    }
    if (doc.y + height > pageBottom(doc)) {
      doc.addPage();
      drawRow(head, true);
    }
    drawRow(row, false);
  }
}

// ---- Running header and footer, drawn once every page exists ----

function runningHeadersAndFooters(doc: Doc, outline: DocumentOutline): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const savedBottom = margins.bottom;
    // Writing in the margins must not trigger pdfkit's automatic page break.
    margins.bottom = 0;
    const width = doc.page.width - margins.left - margins.right;
    if (outline.draftMarker) {
      doc
        .font(BOLD)
        .fontSize(SIZE.label)
        .fillColor(COLOUR.draft)
        .text(outline.draftMarker, margins.left, 28, { width, align: "center", lineBreak: false });
    }
    const footerY = doc.page.height - 40;
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(COLOUR.border)
      .moveTo(margins.left, footerY - 6)
      .lineTo(margins.left + width, footerY - 6)
      .stroke()
      .restore();
    doc
      .font(REGULAR)
      .fontSize(SIZE.small)
      .fillColor(COLOUR.secondary)
      .text(
        `${outline.reference} version ${outline.version}${outline.draftMarker ? ` · ${outline.draftMarker}` : ""}`,
        margins.left,
        footerY,
        {
          width: width * 0.7,
          lineBreak: false,
        },
      );
    doc.text(`Page ${i - range.start + 1} of ${total}`, margins.left + width * 0.7, footerY, {
      width: width * 0.3,
      align: "right",
      lineBreak: false,
    });
    margins.bottom = savedBottom;
  }
}
