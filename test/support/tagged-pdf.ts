import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";

/**
 * What a screen reader is given of a PDF, read from its bytes: the catalog's accessibility entries
 * and the structure tree in reading order. pdfkit writes every object as `N 0 obj … endobj` with no
 * object streams, so the dictionaries are plain text; page content streams are deflated and are
 * inflated here to find what is marked as an artifact (running headers, footers and rules).
 */
export interface TaggedPdf {
  marked: boolean;
  lang: string | undefined;
  displayDocTitle: boolean;
  /** The PDF/UA identifier in the document's XMP metadata (`pdfuaid:part`). */
  pdfUaPart: string | undefined;
  /** Structure element types under the root, depth first, in reading order ("Document", "H1", "P", "H2", …). */
  structure: string[];
  /** How many marked-content sequences the pages mark as artifacts. */
  artifacts: number;
}

function readTaggedPdf(pdf: Buffer): TaggedPdf {
  const text = pdf.toString("latin1");
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? objects.get(Number(m[1])) : undefined;
  };
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o)) ?? "";
  const markInfo = ref(catalog, "MarkInfo") ?? /\/MarkInfo <<([^>]*)>>/.exec(catalog)?.[1] ?? "";
  const viewer = ref(catalog, "ViewerPreferences") ?? /\/ViewerPreferences <<([^>]*)>>/.exec(catalog)?.[1] ?? "";

  const structure: string[] = [];
  const walk = (dict: string | undefined, depth: number) => {
    if (!dict || depth > 50) return;
    const type = /\/S \/(\w+)/.exec(dict)?.[1];
    if (type) structure.push(type);
    const kids = /\/K \[([^\]]*)\]/.exec(dict)?.[1] ?? /\/K (\d+ 0 R)/.exec(dict)?.[1] ?? "";
    for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(objects.get(Number(k[1])), depth + 1);
  };
  walk(ref(catalog, "StructTreeRoot"), 0);

  let artifacts = 0;
  for (const m of text.matchAll(/\/FlateDecode[\s\S]*?stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf("endstream", start);
    try {
      artifacts += (
        inflateSync(pdf.subarray(start, end))
          .toString("latin1")
          .match(/\/Artifact/g) ?? []
      ).length;
    } catch {
      // Not a content stream we can read (a font file's trailing bytes): it holds no artifacts.
    }
  }
  return {
    marked: /\/Marked true/.test(markInfo),
    lang: /\/Lang \(([^)]*)\)/.exec(catalog)?.[1],
    displayDocTitle: /\/DisplayDocTitle true/.test(viewer),
    pdfUaPart: /pdfuaid:part>(\d)</.exec(text)?.[1] ?? /pdfuaid:part="(\d)"/.exec(text)?.[1],
    structure,
    artifacts,
  };
}

/**
 * What every Safeshare PDF must be for a screen reader (PDF/UA-1): marked, in British English, its
 * title shown, one Document whose first heading is its one H1. Returns what was read, for the
 * document's own checks (its sections, paragraphs and artifacts).
 */
export function assertTaggedDocument(pdf: Buffer): TaggedPdf {
  const tagged = readTaggedPdf(pdf);
  assert.equal(tagged.marked, true, "/MarkInfo /Marked true");
  assert.equal(tagged.lang, "en-GB");
  assert.equal(tagged.displayDocTitle, true);
  assert.equal(tagged.pdfUaPart, "1");
  assert.equal(tagged.structure[0], "Document");
  assert.equal(
    tagged.structure.find((s) => /^H\d$/.test(s)),
    "H1",
  );
  assert.equal(tagged.structure.filter((s) => s === "H1").length, 1);
  return tagged;
}
