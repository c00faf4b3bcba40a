/**
 * GR5-PROTECT-IDENTITIES beyond the address field: the protected details an organisation holds about
 * a person and the people linked to them (a refuge address, the name of someone whose identity is
 * protected) found wherever they are written in free text, such as a record item. People type an
 * address as they say it ("2 alder mews, ws81hz"), so the search ignores case, accents, spacing,
 * punctuation and how a postcode is spaced, and finds the street line or the postcode on its own as
 * well as the whole address. Pure: the services load the details, this finds them.
 */

import type { RuleFinding } from "../../../platform/errors";

export const PROTECTED_DETAIL_KINDS = ["address", "name"] as const;
export type ProtectedDetailKind = (typeof PROTECTED_DETAIL_KINDS)[number];

/** A protected detail as the records hold it; `ofSubject` is false for a person linked to the subject. */
export type ProtectedDetail =
  | { kind: "address"; lines: string; postcode: string | null; ofSubject: boolean }
  | {
      kind: "name";
      name: string;
      /** A person's name in its parts, where the record holds them (another name is one string). */
      givenNames?: string | null;
      familyName?: string | null;
      ofSubject: boolean;
    };

/** Where a protected detail is written in a text: the phrase exactly as written, which is what gets redacted. */
export interface ProtectedMention {
  phrase: string;
  kind: ProtectedDetailKind;
  ofSubject: boolean;
}

/**
 * Fewer letters and digits than this and a detail cannot be told apart from ordinary words ("No 2",
 * "Bo"), so it is not searched for. The shortest UK postcode ("N1 1AA") has five.
 */
const MIN_LENGTH = 5;
/** Between two words of one mention: a comma and a line break, a hyphen, a few spaces. More, and they are separate. */
const MAX_GAP = 4;

const WORD = /[\p{L}\p{N}\p{M}]/u;
const KEPT = /[\p{L}\p{N}]/u;

/** A text folded to its letters and digits (lower case, accents removed), each mapped back to where it was written. */
interface Folded {
  chars: string;
  starts: number[];
  ends: number[];
  /** How many separator characters came just before each letter or digit: 0 inside a word. */
  gaps: number[];
}

function fold(text: string): Folded {
  const folded: Folded = { chars: "", starts: [], ends: [], gaps: [] };
  let at = 0;
  let gap = 0;
  for (const c of text) {
    if (WORD.test(c)) {
      // NFKD splits "ó" into "o" and its accent, and "ﬁ" into "fi"; the accents are dropped.
      for (const f of c.normalize("NFKD").toLowerCase()) {
        if (!KEPT.test(f)) continue;
        folded.chars += f;
        folded.starts.push(at);
        folded.ends.push(at + c.length);
        folded.gaps.push(gap);
        gap = 0;
      }
    } else gap += 1;
    at += c.length;
  }
  return folded;
}

/**
 * What to look for: a name as it is and family name first ("Smith, Dave", as records and police
 * systems often write it; a given or family name alone would match everyone who shares it, so neither
 * is looked for); an address whole, without its postcode, its street lines (the first line, and any
 * line with a house number: not "Westshire", which would match every mention of the county) and its
 * postcode.
 */
function searchTerms(detail: ProtectedDetail): string[] {
  if (detail.kind === "name") return [detail.name, ...familyFirst(detail)];
  const segments = detail.lines
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const streetLines = segments.filter((s, i) => i === 0 || /\d/.test(s));
  return [`${detail.lines} ${detail.postcode ?? ""}`, detail.lines, ...streetLines, ...(detail.postcode ? [detail.postcode] : [])];
}

/** The name family name first: from its parts where known, else taking its last word as the family name. */
function familyFirst(detail: Extract<ProtectedDetail, { kind: "name" }>): string[] {
  const given = detail.givenNames?.trim();
  const family = detail.familyName?.trim();
  if (given && family) return [`${family} ${given}`];
  const words = detail.name.trim().split(/\s+/);
  return words.length > 1 ? [`${words.at(-1)} ${words.slice(0, -1).join(" ")}`] : [];
}

interface Span {
  start: number;
  end: number;
  /** Letters and digits matched: the longest term decides what a merged mention is. */
  weight: number;
  detail: ProtectedDetail;
}

function spansOf(text: Folded, term: string, detail: ProtectedDetail): Span[] {
  const spans: Span[] = [];
  const wanted = fold(term).chars;
  if (wanted.length < MIN_LENGTH) return spans;
  const n = text.chars.length;
  for (let s = text.chars.indexOf(wanted); s !== -1; s = text.chars.indexOf(wanted, s + 1)) {
    const e = s + wanted.length;
    // Whole words only: "Haven refuge" is not in "Haven refugees".
    const wholeWords = (s === 0 || text.gaps[s]! > 0) && (e === n || text.gaps[e]! > 0);
    if (!wholeWords || text.gaps.slice(s + 1, e).some((g) => g > MAX_GAP)) continue;
    spans.push({ start: text.starts[s]!, end: text.ends[e - 1]!, weight: wanted.length, detail });
  }
  return spans;
}

/**
 * Every mention of a protected detail in `text`, in the order written. Overlapping mentions, and parts
 * of one detail separated only by punctuation ("Haven refuge, 2 Alder Mews, WS8 1HZ"), are one phrase,
 * so a redaction leaves one "[redacted]" rather than a trail of them. Each distinct phrase once.
 */
export function findProtectedMentions(text: string, details: readonly ProtectedDetail[]): ProtectedMention[] {
  const folded = fold(text);
  const spans = details
    .flatMap((d) => [...new Set(searchTerms(d))].flatMap((term) => spansOf(folded, term, d)))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    const between = last ? text.slice(last.end, span.start) : "";
    const sameDetailNextToIt = last?.detail === span.detail && between.length <= MAX_GAP && !WORD.test(between);
    if (last && (span.start < last.end || sameDetailNextToIt)) {
      if (span.weight > last.weight) Object.assign(last, { weight: span.weight, detail: span.detail });
      last.end = Math.max(last.end, span.end);
    } else merged.push({ ...span });
  }
  const mentions = new Map<string, ProtectedMention>();
  for (const m of merged) {
    const phrase = text.slice(m.start, m.end);
    if (!mentions.has(phrase)) mentions.set(phrase, { phrase, kind: m.detail.kind, ofSubject: m.detail.ofSubject });
  }
  return [...mentions.values()];
}

/** The mentions in a record item: its text and who it came from, each distinct phrase once. */
export function findProtectedMentionsInItem(item: { text: string; sourceName: string }, details: readonly ProtectedDetail[]) {
  const mentions = new Map<string, ProtectedMention>();
  for (const m of [...findProtectedMentions(item.text, details), ...findProtectedMentions(item.sourceName, details)])
    if (!mentions.has(m.phrase)) mentions.set(m.phrase, m);
  return [...mentions.values()];
}

const DESCRIPTIONS = {
  address: {
    subject: "this person's protected address (such as a refuge)",
    linked: "a protected address of someone linked to this person",
  },
  name: { subject: "a protected name of this person", linked: "the name of someone whose identity is protected" },
} as const;

/**
 * The warning for someone typing protected details into the record (a new item, a correction, a
 * concern): one per field that mentions any, at that field's path.
 */
export function typedProtectedDetails(
  fields: readonly { path: string; text: string }[],
  details: readonly ProtectedDetail[],
): RuleFinding[] {
  if (!details.length) return [];
  return fields.flatMap(({ path, text }) => {
    const mentions = findProtectedMentions(text, details);
    if (!mentions.length) return [];
    return [
      {
        code: "GR5-PROTECT-IDENTITIES",
        severity: "warning" as const,
        path,
        message: `What you have written mentions ${describeMentions(mentions)}. Anyone who reads this record will see it, and it is taken out of anything shared unless a safeguarding lead or IG lead decides it must go. Save it only if the record needs it.`,
      },
    ];
  });
}

/** What was found, in plain English and without repeating it: "a protected address of someone linked to this person". */
export function describeMentions(mentions: readonly Pick<ProtectedMention, "kind" | "ofSubject">[]): string {
  const parts = [...new Set(mentions.map((m) => DESCRIPTIONS[m.kind][m.ofSubject ? "subject" : "linked"]))];
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
