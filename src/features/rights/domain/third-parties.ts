/**
 * Third parties in an access pack (EX-THIRD-PARTY, DPA18 Sch 2 para 16): the names of other people
 * linked to the child that appear inside an item's text, found the way the name search finds people
 * (case and accents ignored) but only as whole words, so the reviewer is shown them rather than left
 * to spot them. Pure: the linked people come in, the marked text and the names as written come out.
 */

export interface LinkedName {
  personId: string;
  name: string;
  /** Who they are, for the reviewer: "Jade Carter, parent or carer of Lily Carter". */
  description: string;
  givenNames: string;
  familyName: string;
  /** Aliases and previous names. */
  otherNames: readonly string[];
}

export interface NameFound {
  /** Exactly as written in the text, so it can be taken out as a redaction. */
  text: string;
  personId: string;
}

export interface TextSegment {
  text: string;
  /** Set when this part of the text is a linked person's name. */
  personId?: string;
}

export interface NamesInText {
  /** Each distinct spelling found, in the order it first appears. */
  found: NameFound[];
  /** The descriptions of the people found, in the order they first appear. */
  people: string[];
  /** The whole text, in order, with names apart: joined, they are the text exactly. */
  segments: TextSegment[];
}

/** Folds one character as `safeshare_fold` does in the database: lower case, accents taken off. */
const foldChar = (c: string) =>
  c
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'");
const fold = (s: string) => [...s].map(foldChar).join("");
const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/**
 * The text folded, with where each folded character came from: a base character and the combining
 * marks after it are one unit, so a name is never cut between a letter and its accent.
 */
function foldWithPositions(text: string) {
  let folded = "";
  const start: number[] = [];
  const end: number[] = [];
  for (const m of text.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    const f = foldChar(m[0]);
    for (let i = 0; i < f.length; i++) {
      start.push(m.index);
      end.push(m.index + m[0].length);
    }
    folded += f;
  }
  return { folded, start, end };
}

/**
 * The words to look for, per person: the full name, each other name, the given names (all, and the
 * first alone) and the family name. A word that is part of the name of someone the request is about
 * is left out: the child usually shares a parent's family name, and their own name is not a third
 * party's.
 */
function searchTerms(people: readonly LinkedName[], about: readonly string[]) {
  const excluded = new Set(about.flatMap((n) => [fold(n.trim()), ...fold(n).split(/\s+/)]));
  return people.flatMap((p) => {
    const given = p.givenNames.trim();
    const candidates = [p.name, ...p.otherNames, given, given.split(/\s+/)[0] ?? "", p.familyName];
    return [...new Set(candidates.map((c) => fold(c.trim().replace(/\s+/g, " "))))]
      .filter((t) => t.length >= 2 && !excluded.has(t))
      .map((term) => ({ term, personId: p.personId }));
  });
}

export function namesInText(text: string, people: readonly LinkedName[], about: readonly string[]): NamesInText {
  const { folded, start, end } = foldWithPositions(text);
  const hits: { from: number; to: number; personId: string }[] = [];
  for (const { term, personId } of searchTerms(people, about)) {
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      const after = at + term.length;
      if (isWordChar(folded[at - 1]) || isWordChar(folded[after])) continue;
      hits.push({ from: start[at]!, to: end[after - 1]!, personId });
    }
  }
  // Longest first where two overlap ("Jade Carter" over "Jade"), then left to right.
  hits.sort((a, b) => a.from - b.from || b.to - a.to);
  const segments: TextSegment[] = [];
  const found: NameFound[] = [];
  const described: string[] = [];
  let cursor = 0;
  for (const hit of hits) {
    if (hit.from < cursor) continue;
    if (hit.from > cursor) segments.push({ text: text.slice(cursor, hit.from) });
    const written = text.slice(hit.from, hit.to);
    segments.push({ text: written, personId: hit.personId });
    if (!found.some((f) => f.text === written)) found.push({ text: written, personId: hit.personId });
    const description = people.find((p) => p.personId === hit.personId)!.description;
    if (!described.includes(description)) described.push(description);
    cursor = hit.to;
  }
  if (cursor < text.length || segments.length === 0) segments.push({ text: text.slice(cursor) });
  return { found, people: described, segments };
}
