import PDFDocument from "pdfkit";
import { structureOf, TAGGED_PDF } from "../../../platform/pdf/tagged";
import type { AgreementDocument } from "../domain/document";
import { type DocumentOutline, outlineAgreement } from "../domain/outline";
import type { Block, OutlineSection } from "../domain/outline/blocks";
import {
  BOLD,
  COLOUR,
  contentWidth,
  type Doc,
  ensureSpace,
  KEEP_WITH_NEXT,
  MARGIN,
  measure,
  REGULAR,
  SIZE,
  write,
} from "./render-pdf/page";
import { drawRows, drawTable } from "./render-pdf/rows-and-tables";

/**
 * The PDF of one agreement version, drawn from the same outline as the printable HTML page: the title
 * block, each section in turn, then a running header and footer on every page. The fonts, sizes and
 * drawing steps are in render-pdf/page.ts; rows and tables in render-pdf/rows-and-tables.ts. Tagged
 * (PDF/UA): the title is the H1, each section a H2 and each group's heading a H3, everything else
 * paragraphs in reading order; borders, rules and the running header and footer are artifacts.
 */

/** `link` is the agreement's register entry at the public base URL: the title block links to it. */
export async function renderAgreementPdf(agreement: AgreementDocument, link: string): Promise<Buffer> {
  const outline = outlineAgreement(agreement);
  const created = new Date(agreement.generatedAt);
  const pdf = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    // The initial font: without it pdfkit loads Helvetica.
    font: REGULAR,
    ...TAGGED_PDF,
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

  const doc: Doc = Object.assign(pdf, { structure: structureOf(pdf) });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  titleBlock(doc, outline, link);
  for (const section of outline.sections) drawSection(doc, section);
  runningHeadersAndFooters(doc, outline);
  doc.structure.end();
  doc.end();
  return done;
}

// ---- Title block ----

function titleBlock(doc: Doc, outline: DocumentOutline, link: string): void {
  write(doc, `Data sharing agreement ${outline.reference}`, { size: SIZE.body, colour: COLOUR.secondary, gap: 0.2 });
  write(doc, outline.title, { font: BOLD, size: SIZE.title, gap: 0.4, as: "H1" });
  if (outline.draftMarker) {
    const y = doc.y;
    const height = measure(doc, BOLD, SIZE.heading, outline.draftMarker, contentWidth(doc) - 16) + 12;
    doc.structure.artifact(() =>
      doc.save().lineWidth(2).strokeColor(COLOUR.draft).rect(doc.page.margins.left, y, contentWidth(doc), height).stroke().restore(),
    );
    doc
      .font(BOLD)
      .fontSize(SIZE.heading)
      .fillColor(COLOUR.draft)
      .text(outline.draftMarker, doc.page.margins.left + 8, y + 6, { width: contentWidth(doc) - 16, ...doc.structure.as("P") });
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
    .text("The agreement in the Safeshare register", { width: contentWidth(doc), link, underline: true, ...doc.structure.as("P") });
  doc.moveDown(0.6);
}

// ---- Sections and blocks ----

function drawSection(doc: Doc, section: OutlineSection): void {
  ensureSpace(doc, KEEP_WITH_NEXT);
  doc.moveDown(0.4);
  write(doc, `${section.number}. ${section.title}`, { font: BOLD, size: SIZE.section, gap: 0.3, as: "H2" });
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
        write(doc, block.heading, { font: BOLD, size: SIZE.heading, gap: 0.2, as: "H3" });
      }
      drawRows(doc, block.rows);
      doc.moveDown(0.6);
      return;
    case "table":
      if (block.caption) {
        ensureSpace(doc, KEEP_WITH_NEXT);
        write(doc, block.caption, { font: BOLD, size: SIZE.heading, gap: 0.2, as: "H3" });
      }
      drawTable(doc, block.head, block.rows);
      doc.moveDown(0.6);
      return;
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
    doc.structure.artifact(() => runningHeaderAndFooter(doc, outline, i - range.start + 1, total, width), "Pagination");
    margins.bottom = savedBottom;
  }
}

/** One page's running header (the draft marker) and footer (reference and page number): artifacts, not read out. */
function runningHeaderAndFooter(doc: Doc, outline: DocumentOutline, page: number, total: number, width: number): void {
  const { margins } = doc.page;
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
  doc.text(`Page ${page} of ${total}`, margins.left + width * 0.7, footerY, {
    width: width * 0.3,
    align: "right",
    lineBreak: false,
  });
}
