import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { ukDate } from "../../../platform/dates/calendar";
import { structureOf, TAGGED_PDF } from "../../../platform/pdf/tagged";
import { unreviewedSentence } from "../domain/review";
import type { AccessPack } from "./compile-access-pack";

/**
 * The access pack as a PDF for the requester: DejaVu Sans embedded (npm) so every name renders and
 * can be extracted; one flowing document, drawn in a single pass so thousands of items stay quick.
 * Dates in words, as the requester reads them. A draft says so in a short line at the top of every
 * page (pages are buffered so the mark goes on after the text has flowed; short, so it fits the
 * margin on one line), says what is left to review on the first, and marks each item not yet reviewed.
 * Tagged (PDF/UA): the title is its H1, each part a H2, everything else paragraphs in reading order
 * (an item, its heading line, text and source, is one); the draft line repeated in each page's
 * margin is an artifact (the first page says it in the text).
 */

const require = createRequire(import.meta.url);
const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
const GREY = "#505a5f";
const RED = "#d4351c";
const BLACK = "#0b0c0c";
const DRAFT_MARK = "DRAFT: not the response";

export async function renderAccessPackPdf(pack: AccessPack): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    font: REGULAR,
    ...TAGGED_PDF,
    bufferPages: true,
    info: {
      Title: `${pack.draft ? "DRAFT, not to be sent: " : ""}Your information: ${pack.reference}`,
      Author: pack.organisation,
      Subject: "Subject access response",
      Creator: "Safeshare",
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
  const heading = (text: string) =>
    doc
      .moveDown(0.8)
      .font(BOLD)
      .fontSize(13)
      .fillColor(BLACK)
      .text(text, { width, ...structure.as("H2") })
      .moveDown(0.3);
  const para = (text: string) =>
    doc
      .font(REGULAR)
      .fontSize(10)
      .fillColor(BLACK)
      .text(text, { width, ...structure.as("P") });
  const list = (lines: readonly string[]) => {
    if (!lines.length) para("None.");
    for (const l of lines) para(`• ${l}`);
  };

  doc.font(BOLD).fontSize(9).fillColor(GREY).text(`${pack.organisation} · reference ${pack.reference}`, structure.as("P"));
  doc
    .moveDown(0.3)
    .font(BOLD)
    .fontSize(18)
    .fillColor(BLACK)
    .text(`The information ${pack.organisation} holds`, { width, ...structure.as("H1") });
  para(`For ${pack.requester}, about ${pack.about}. Prepared on ${ukDate(pack.generatedAt)}.`);
  if (pack.draft) {
    doc.moveDown(0.5).font(BOLD).fontSize(10).fillColor(RED);
    doc.text(`This is a draft, not the response: ${unreviewedSentence(pack.unreviewed)}. Review each one before anything is sent.`, {
      width,
      ...structure.as("P"),
    });
  }

  heading("Who it is about");
  list(pack.people.map((p) => `${p.name}${p.dateOfBirth ? `, born ${ukDate(p.dateOfBirth)}` : ""}`));
  heading("Why we hold it");
  list(pack.purposes);
  heading("What kinds of information");
  list(pack.categories);
  heading("Where it came from");
  list(pack.sources);
  heading("Who it has been shared with");
  list(
    pack.recipients.map((r) => `${r.organisation}, ${ukDate(r.sentOn)}: ${r.items} ${r.items === 1 ? "item" : "items"}, for ${r.purpose}`),
  );
  heading("How long we keep it");
  para(pack.retention);
  heading(`The information (${pack.items.length} ${pack.items.length === 1 ? "item" : "items"})`);
  // Whatever was withheld is left out of the pack: one sentence, the same in every pack, says it may have been.
  para(pack.withheldStatement);
  for (const item of pack.items) {
    doc.moveDown(0.4);
    structure.group("P", () => {
      doc.font(BOLD).fontSize(9.5).fillColor(GREY);
      doc.text(
        `${ukDate(item.eventDate)} · ${item.category} · ${item.kind}${item.version > 1 ? ` · version ${item.version}` : ""}${item.accuracy !== "ACCURATE" ? ` · ${item.accuracy.toLowerCase()}` : ""}${item.historical ? " · historical" : ""}${item.redacted ? " · redacted" : ""}`,
        { width },
      );
      if (!item.reviewed) doc.font(BOLD).fontSize(9.5).fillColor(RED).text("DRAFT: not yet reviewed", { width });
      doc.font(REGULAR).fontSize(10).fillColor(BLACK).text(item.text, { width });
      doc
        .font(REGULAR)
        .fontSize(8.5)
        .fillColor(GREY)
        .text(`Source: ${item.source}. Recorded ${ukDate(item.recordedOn)}.`, { width });
    });
  }
  heading("Your rights");
  list(pack.rights);
  // A line in the top margin of every page: the draft marker.
  if (pack.draft)
    structure.onEveryPage(() => doc.font(BOLD).fontSize(10).fillColor(RED).text(DRAFT_MARK, 56, 28, { width, lineBreak: false }));
  structure.end();
  doc.end();
  return done;
}
