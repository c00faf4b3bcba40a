import { BOLD, COLOUR, REGULAR, sectionsPdf } from "../../../platform/pdf/sections";
import type { CertificateOutline } from "../domain/certificate-text";

/**
 * A disposal certificate as a PDF (issue 21), drawn from the same outline as its printable page: DejaVu
 * Sans embedded (npm), tagged (PDF/UA) with the title its H1, each section a H2 and each label and value
 * a paragraph; rules and the page footer are artifacts. It holds no personal data, as the outline holds none.
 */

export async function renderCertificatePdf(certificate: CertificateOutline, organisation: string): Promise<Buffer> {
  const { doc, structure, width, heading, row, finish } = sectionsPdf({
    Title: certificate.title,
    Author: organisation,
    Subject: "Disposal certificate",
  });
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

  return finish(certificate.title);
}
