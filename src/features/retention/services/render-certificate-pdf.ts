import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { structureOf, TAGGED_PDF } from "../../../platform/pdf/tagged";
import type { CertificateOutline } from "../domain/certificate-text";

/**
 * A disposal certificate as a PDF (issue 21), drawn from the same outline as its printable page: DejaVu
 * Sans embedded (npm), tagged (PDF/UA) with the title its H1, each section a H2 and each label and value
 * a paragraph; rules and the page footer are artifacts. It holds no personal data, as the outline holds none.
 */

const require = createRequire(import.meta.url);
const REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
const COLOUR = { text: "#0b0c0c", secondary: "#505a5f", rule: "#b1b4b6" };

export async function renderCertificatePdf(certificate: CertificateOutline, organisation: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    bufferPages: true,
    font: REGULAR,
    ...TAGGED_PDF,
    info: { Title: certificate.title, Author: organisation, Subject: "Disposal certificate", Creator: "Safeshare" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 112;
  const structure = structureOf(doc);
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc
      .moveDown(1)
      .font(BOLD)
      .fontSize(12.5)
      .fillColor(COLOUR.text)
      .text(text, { width, ...structure.as("H2") });
    structure.artifact(() =>
      doc
        .moveTo(56, doc.y + 2)
        .lineTo(56 + width, doc.y + 2)
        .strokeColor(COLOUR.rule)
        .stroke(),
    );
    doc.moveDown(0.4);
  };
  const row = (label: string, value: string) => {
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
  };

  doc.font(BOLD).fontSize(9).fillColor(COLOUR.secondary).text(organisation, structure.as("P"));
  doc
    .moveDown(0.3)
    .font(BOLD)
    .fontSize(18)
    .fillColor(COLOUR.text)
    .text(certificate.title, { width, ...structure.as("H1") });
  doc
    .moveDown(0.3)
    .font(REGULAR)
    .fontSize(10)
    .fillColor(COLOUR.text)
    .text(certificate.introduction, { width, ...structure.as("P") });
  for (const section of certificate.sections) {
    heading(section.heading);
    for (const r of section.rows) row(r.label, r.value);
  }
  heading(certificate.referencesHeading);
  doc
    .font(REGULAR)
    .fontSize(10)
    .fillColor(COLOUR.text)
    .text(certificate.fileReferences.join(", "), { width, ...structure.as("P") });
  heading("Checking this certificate");
  row("SHA-256 hash of the certificate, as the audit log keeps it", certificate.hash);

  structure.onEveryPage((page, pages) =>
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(COLOUR.secondary)
      .text(`${certificate.title} · page ${page} of ${pages}`, 56, doc.page.height - 36, { width, align: "right" }),
  );
  structure.end();
  doc.end();
  return done;
}
