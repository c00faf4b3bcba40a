import { ukDateTime } from "../../../platform/dates/calendar";
import { COLOUR, REGULAR, sectionsPdf } from "../../../platform/pdf/sections";

/**
 * The printable record of one share decision (DfE golden rule 7, ICO Annex B): a real PDF, drawn from
 * the same labelled sections as the decision page, with DejaVu Sans embedded (npm, never a system
 * font) so names like "Ní Bhriain" render and can be searched and extracted. Tagged (PDF/UA): the
 * title is its H1, each section a H2, each question and answer a paragraph; rules and footers are artifacts.
 */

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
  const { doc, structure, width, title, heading, row, finish } = sectionsPdf({
    Title: `${record.reference}: ${record.title}`,
    Author: record.organisationName,
    Subject: "Record of a share decision",
    CreationDate: record.generatedAt,
  });
  title(`${record.organisationName} · ${record.reference}`, record.title);
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
    heading(section.title);
    for (const r of section.rows) row(r.label, r.value?.trim() ? r.value : "Not answered");
  }
  return finish(record.reference);
}
