import { sectionsPdf } from "../../../platform/pdf/sections";
import type { IcoPackOutline } from "../domain/ico-pack";

/**
 * An ICO report pack as a PDF (issue 22), drawn from the same outline as its page and its JSON: DejaVu
 * Sans embedded, tagged (PDF/UA) with the title its H1, each part of the ICO's form a H2 and each
 * field and its answer a paragraph; rules and the page footer are artifacts.
 */
export async function renderIcoPackPdf(outline: IcoPackOutline, organisation: string): Promise<Buffer> {
  const { title, paragraph, heading, row, finish } = sectionsPdf({
    Title: outline.title,
    Author: organisation,
    Subject: "Personal data breach report to the Information Commissioner's Office",
  });
  title(organisation, outline.title);
  paragraph(outline.introduction);
  for (const section of outline.sections) {
    heading(section.heading);
    for (const r of section.rows) row(r.label, r.value);
  }
  return finish(outline.footer);
}
