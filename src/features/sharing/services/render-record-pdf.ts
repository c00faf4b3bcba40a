import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { ukDateTime } from "../../../platform/dates/calendar";
import { structureOf, TAGGED_PDF } from "../../../platform/pdf/tagged";

/**
 * The printable record of one share decision (DfE golden rule 7, ICO Annex B): a real PDF, drawn from
 * the same labelled sections as the decision page, with DejaVu Sans embedded (npm, never a system
 * font) so names like "Ní Bhriain" render and can be searched and extracted. Tagged (PDF/UA): the
 * title is its H1, each section a H2, each question and answer a paragraph; rules and footers are artifacts.
 */

const require = createRequire(import.meta.url);
const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
const COLOUR = { text: "#0b0c0c", secondary: "#505a5f", rule: "#b1b4b6", link: "#1d70b8" };

export interface RecordSection {
  title: string;
  rows: { label: string; value: string | undefined }[];
}

export interface DecisionRecordDocument {
  reference: string;
  title: string;
  organisationName: string;
  generatedAt: Date;
  generatedBy: string;
  /** Where the record lives in Safeshare, at the public base URL: the PDF links to it. */
  link: string;
  sections: RecordSection[];
}

export async function renderDecisionRecordPdf(record: DecisionRecordDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    font: REGULAR,
    ...TAGGED_PDF,
    info: {
      Title: `${record.reference}: ${record.title}`,
      Author: record.organisationName,
      Subject: "Record of a share decision",
      Creator: "Safeshare",
      CreationDate: record.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 112;
  const structure = structureOf(doc);
  doc.font(BOLD).fontSize(9).fillColor(COLOUR.secondary).text(`${record.organisationName} · ${record.reference}`, structure.as("P"));
  doc
    .moveDown(0.3)
    .font(BOLD)
    .fontSize(18)
    .fillColor(COLOUR.text)
    .text(record.title, { width, ...structure.as("H1") });
  doc
    .moveDown(0.3)
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(COLOUR.secondary)
    .text(
      `Printed from Safeshare by ${record.generatedBy} on ${ukDateTime(record.generatedAt)}. Official – sensitive: keep it secure and destroy it when no longer needed.`,
      { width, ...structure.as("P") },
    );
  doc
    .moveDown(0.3)
    .fontSize(9)
    .fillColor(COLOUR.link)
    .text("Open this record in Safeshare", { width, link: record.link, underline: true, ...structure.as("P") });
  for (const section of record.sections) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc
      .moveDown(1)
      .font(BOLD)
      .fontSize(12.5)
      .fillColor(COLOUR.text)
      .text(section.title, { width, ...structure.as("H2") });
    structure.artifact(() =>
      doc
        .moveTo(56, doc.y + 2)
        .lineTo(56 + width, doc.y + 2)
        .strokeColor(COLOUR.rule)
        .stroke(),
    );
    doc.moveDown(0.4);
    for (const row of section.rows) {
      if (doc.y > doc.page.height - 90) doc.addPage();
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(COLOUR.secondary)
        .text(row.label, { width, ...structure.as("P") });
      doc
        .font(REGULAR)
        .fontSize(10)
        .fillColor(COLOUR.text)
        .text(row.value?.trim() ? row.value : "Not answered", { width, ...structure.as("P") });
      doc.moveDown(0.35);
    }
  }
  structure.onEveryPage((page, pages) =>
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(COLOUR.secondary)
      .text(`${record.reference} · page ${page} of ${pages}`, 56, doc.page.height - 36, { width, align: "right" }),
  );
  structure.end();
  doc.end();
  return done;
}
