/**
 * The agreement PDF's key/value rows and tables, laid out so that nothing is cut off at a page
 * break: a group too tall for any page flows as labelled paragraphs instead.
 */
import type { OutlineRow } from "../../domain/outline/blocks";
import {
  BOLD,
  CELL_PAD,
  COLOUR,
  contentWidth,
  type Doc,
  ensureSpace,
  KEEP_WITH_NEXT,
  measure,
  pageBottom,
  pageContentHeight,
  REGULAR,
  SIZE,
  write,
} from "./page";

/** A key/value list, like a GOV.UK summary list: label on the left, value on the right, a rule between. */
export function drawRows(doc: Doc, rows: OutlineRow[]): void {
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
      .text(row.label, left, top + CELL_PAD, { width: labelWidth, ...doc.structure.as("P") });
    doc
      .font(REGULAR)
      .fontSize(SIZE.body)
      .fillColor(COLOUR.text)
      .text(row.value, valueX, top + CELL_PAD, { width: valueWidth, ...doc.structure.as("P") });
    doc.structure.artifact(() =>
      doc
        .save()
        .lineWidth(0.5)
        .strokeColor(COLOUR.border)
        .moveTo(left, top + height)
        .lineTo(left + contentWidth(doc), top + height)
        .stroke()
        .restore(),
    );
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
export function drawTable(doc: Doc, head: string[], rows: string[][]): void {
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
      doc.structure.artifact(() => {
        doc.save().lineWidth(0.5).strokeColor(COLOUR.border);
        if (header) doc.fillColor(COLOUR.fill).rect(x, top, width, height).fillAndStroke();
        else doc.rect(x, top, width, height).stroke();
        doc.restore();
      });
      // Cells are paragraphs in reading order (row by row, left to right); the borders are artifacts.
      doc
        .font(font)
        .fontSize(size)
        .fillColor(COLOUR.text)
        .text(cell, x + CELL_PAD, top + CELL_PAD, { width: width - 2 * CELL_PAD, ...doc.structure.as("P") });
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
