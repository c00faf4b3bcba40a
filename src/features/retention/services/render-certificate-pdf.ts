import { sectionsPdf } from "../../../platform/pdf/sections";
import type { CertificateOutline } from "../domain/certificate-text";

/**
 * A disposal certificate as a PDF (issue 21), drawn from the same outline as its printable page: DejaVu
 * Sans embedded (npm), tagged (PDF/UA) with the title its H1, each section a H2 and each label and value
 * a paragraph; rules and the page footer are artifacts. It holds no personal data, as the outline holds none.
 */

export async function renderCertificatePdf(certificate: CertificateOutline, organisation: string): Promise<Buffer> {
  const { title, paragraph, heading, row, finish } = sectionsPdf({
    Title: certificate.title,
    Author: organisation,
    Subject: "Disposal certificate",
  });
  title(organisation, certificate.title);
  paragraph(certificate.introduction);
  for (const section of certificate.sections) {
    heading(section.heading);
    for (const r of section.rows) row(r.label, r.value);
  }
  heading(certificate.referencesHeading);
  paragraph(certificate.fileReferences.join(", "));
  heading("Checking this certificate");
  row("SHA-256 hash of the certificate, as the audit log keeps it", certificate.hash);

  return finish(certificate.title);
}
