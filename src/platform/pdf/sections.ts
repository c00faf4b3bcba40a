import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { type Structure, structureOf, TAGGED_PDF } from "./tagged";

/**
 * A document of labelled sections on A4, as the share decision record and the disposal certificate
 * print (each drawn from the same outline as its page): DejaVu Sans embedded from npm (never a system
 * font, so names like "Ní Bhriain" render and can be searched), tagged, each section a H2 under a rule,
 * each label and value a paragraph, and a footer with the page number on every page.
 */

const require = createRequire(import.meta.url);
export const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
export const COLOUR = { text: "#0b0c0c", secondary: "#505a5f", rule: "#b1b4b6", link: "#1d70b8" };
const MARGIN = 56;

export interface SectionsPdf {
  doc: PDFKit.PDFDocument;
  structure: Structure;
  /** The width text is set in, between the margins. */
  width: number;
  /** The small line above the title (the organisation, a reference), then the title: the document's one H1. */
  title(caption: string, text: string): void;
  /** A paragraph of body text, after the title or in a section. */
  paragraph(text: string): void;
  /** A section's heading (H2) under a rule, on a new page when too near the foot. */
  heading(text: string): void;
  /** A label and its value, each a paragraph. */
  row(label: string, value: string): void;
  /** Writes `footer · page n of m` on every page, closes the structure and the document, and gives its bytes. */
  finish(footer: string): Promise<Buffer>;
}

export function sectionsPdf(info: PDFKit.DocumentInfo): SectionsPdf {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    font: REGULAR,
    ...TAGGED_PDF,
    info: { Creator: "Safeshare", ...info },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const structure = structureOf(doc);
  return {
    doc,
    structure,
    width,
    title(caption, text) {
      doc.font(BOLD).fontSize(9).fillColor(COLOUR.secondary).text(caption, structure.as("P"));
      doc
        .moveDown(0.3)
        .font(BOLD)
        .fontSize(18)
        .fillColor(COLOUR.text)
        .text(text, { width, ...structure.as("H1") });
    },
    paragraph(text) {
      doc
        .moveDown(0.3)
        .font(REGULAR)
        .fontSize(10)
        .fillColor(COLOUR.text)
        .text(text, { width, ...structure.as("P") });
    },
    heading(text) {
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc
        .moveDown(1)
        .font(BOLD)
        .fontSize(12.5)
        .fillColor(COLOUR.text)
        .text(text, { width, ...structure.as("H2") });
      structure.artifact(() =>
        doc
          .moveTo(MARGIN, doc.y + 2)
          .lineTo(MARGIN + width, doc.y + 2)
          .strokeColor(COLOUR.rule)
          .stroke(),
      );
      doc.moveDown(0.4);
    },
    row(label, value) {
      if (doc.y > doc.page.height - 90) doc.addPage();
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(COLOUR.secondary)
        .text(label, { width, ...structure.as("P") });
      doc
        .font(REGULAR)
        .fontSize(10)
        .fillColor(COLOUR.text)
        .text(value, { width, ...structure.as("P") });
      doc.moveDown(0.35);
    },
    finish(footer) {
      structure.onEveryPage((page, pages) =>
        doc
          .font(REGULAR)
          .fontSize(8)
          .fillColor(COLOUR.secondary)
          .text(`${footer} · page ${page} of ${pages}`, MARGIN, doc.page.height - 36, { width, align: "right" }),
      );
      structure.end();
      doc.end();
      return done;
    },
  };
}
