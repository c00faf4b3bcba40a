/**
 * Tagged PDF for every document Safeshare prints (the agreement, the share decision record, the access
 * pack), so a screen reader reads them as a sighted reader does: PDF/UA-1 identified, tagged (the
 * catalog's /MarkInfo and /StructTreeRoot), British English, the title shown in the window rather than
 * the file name, and a structure tree of headings and paragraphs in reading order, with running
 * headers, footers, rules and borders marked as artifacts so they are not read out on every page.
 *
 * pdfkit does the work (https://pdfkit.org/docs/accessibility.html): text written with `structParent`
 * and `structType` becomes a structure element with its own marked content, carried across page
 * breaks. The renderers write through `tagged(…)` so no text is left outside the structure.
 */

type Doc = PDFKit.PDFDocument;
type HeadingOrParagraph = "H1" | "H2" | "H3" | "P";

/** The options every tagged Safeshare PDF is created with, beside its own `info` (whose Title is shown). */
export const TAGGED_PDF: Pick<PDFKit.PDFDocumentOptions, "pdfVersion" | "subset" | "tagged" | "lang" | "displayTitle"> = {
  pdfVersion: "1.7",
  // pdfkit 0.20 writes PDF/UA-1's identification; @types/pdfkit lists only the PDF/A subsets so far.
  subset: "PDF/UA" as PDFKit.Mixins.PDFSubsets,
  tagged: true,
  lang: "en-GB",
  displayTitle: true,
};

/** A document's structure tree: one Document element holding its headings and paragraphs in the order written. */
export interface Structure {
  /** Text options that make the next `text()` call a heading or paragraph of the document. */
  as(type: HeadingOrParagraph): PDFKit.Mixins.TextOptions;
  /**
   * Whatever `draw` writes as one element of the document (its texts written without `as`): for an
   * entry of several short lines, one element rather than one per line, because each element costs
   * (an access pack of thousands of items took twice as long, and three times the bytes, tagged line by line).
   */
  group(type: HeadingOrParagraph, draw: () => void): void;
  /** Draws something that is not content (a running header or footer, a rule, a border) as an artifact. */
  artifact(draw: () => void, type?: "Pagination" | "Layout"): void;
  /**
   * Draws a running header or footer on every page written so far (the document must buffer its
   * pages), as a pagination artifact; writing in the margins does not start a new page.
   */
  onEveryPage(draw: (page: number, pages: number) => void): void;
  /** Closes the tree: call once everything is drawn, before `doc.end()`. */
  end(): void;
}

export function structureOf(doc: Doc): Structure {
  const root = doc.struct("Document");
  doc.addStructure(root);
  return {
    as: (type) => ({ structParent: root, structType: type }),
    group: (type, draw) => {
      root.add(doc.struct(type, {}, [draw]));
    },
    artifact(draw, type = "Layout") {
      // Opening an artifact first closes any structure content still open on this page (pdfkit leaves a
      // tagged text's marked content open until the next one begins).
      doc.markContent("Artifact", { type });
      draw();
      doc.endMarkedContent();
    },
    onEveryPage(draw) {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottom = doc.page.margins.bottom;
        // Writing in the margins must not trigger pdfkit's automatic page break.
        doc.page.margins.bottom = 0;
        this.artifact(() => draw(i - range.start + 1, range.count), "Pagination");
        doc.page.margins.bottom = bottom;
      }
    },
    end: () => root.end(),
  };
}
