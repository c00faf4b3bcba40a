import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

/**
 * The read verbs (ARCHITECTURE.md "Layout"): a service that reads a person's data and records that
 * read is named `view…` and takes the `view` it is recorded under; a read that records nothing is
 * `load…`. So a reader of the code knows from a call whether it left a trace in the audit log.
 * `get…`, `find…`, `read…`, `fetch…` and `list…` say neither, and are not used. A search is a view of
 * its results (`search…`), and `recordRead` is the trace itself.
 */
const RECORDED = /^(view|search)[A-Z]|^recordRead$/;
const AMBIGUOUS = /^(get|find|read|fetch|list)[A-Z]/;

interface ExportedFunction {
  file: string;
  name: string;
  params: string[];
}

/** Exported functions and their parameter lists, read from the source text (names and parameters are all we need). */
function exportedFunctions(file: string): ExportedFunction[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/^export (?:async )?function (\w+)\s*(?:<[^(]*>)?\(/gm)].map((m) => {
    let depth = 1;
    let end = (m.index ?? 0) + m[0].length;
    while (depth > 0 && end < text.length) {
      const c = text[end++];
      if (c === "(") depth++;
      if (c === ")") depth--;
    }
    const params = text.slice((m.index ?? 0) + m[0].length, end - 1);
    const named = [...params.matchAll(/(?:^|,)\s*(\w+)\??:/g)].map((p) => p[1] ?? "");
    // A view passed in an options object ({ page, view }) counts as the view parameter.
    const destructured = /\{[^}]*\bview\b[^}]*\}/.test(params) ? ["view"] : [];
    return { file, name: m[1] ?? "", params: [...named, ...destructured] };
  });
}

const services = fs
  .readdirSync("src/features", { recursive: true, encoding: "utf8" })
  .map((f) => path.posix.join("src/features", f.split(path.sep).join("/")))
  .filter((f) => /\/services\/.*\.ts$/.test(f))
  .flatMap(exportedFunctions);

test("no service read is named get…, find…, read…, fetch… or list…: view… (recorded) or load… (not)", () => {
  const ambiguous = services.filter((f) => AMBIGUOUS.test(f.name)).map((f) => `${f.file}: ${f.name}`);
  assert.deepEqual(ambiguous, []);
});

test("a view… records the read: it takes the view it is recorded under, and a read that takes one is a view…", () => {
  const viewWithoutTrace = services.filter((f) => /^view[A-Z]/.test(f.name) && !f.params.includes("view"));
  assert.deepEqual(
    viewWithoutTrace.map((f) => `${f.file}: ${f.name}`),
    [],
  );
  const recordedButNotView = services.filter((f) => f.params.includes("view") && !RECORDED.test(f.name));
  assert.deepEqual(
    recordedButNotView.map((f) => `${f.file}: ${f.name}`),
    [],
  );
});

test("the check sees the services: it finds the reads that record (viewSubject) and those that do not (loadDraft)", () => {
  assert.ok(services.some((f) => f.name === "viewSubject" && f.params.includes("view")));
  assert.ok(services.some((f) => f.name === "loadDraft" && !f.params.includes("view")));
});
