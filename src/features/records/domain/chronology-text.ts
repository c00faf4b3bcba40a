import { type Catalogue, type Locale, type MessageKey, message } from "../../../platform/messages";
import { AGREEMENTS_MESSAGES } from "../../agreements/domain/messages";
import { RIGHTS_MESSAGES } from "../../rights/domain/messages";
import { SHARING_MESSAGES } from "../../sharing/domain/messages";
import { RECORDS_MESSAGES } from "./messages";

/**
 * The words a chronology entry is read in. Entries come from every feature (a decision, a disclosure,
 * a rights request reach the child's timeline), so their titles live in each feature's catalogue and
 * name labels from the others (a purpose, an Article 6 basis); the groups are merged here, and their
 * names are distinct across catalogues (a unit test checks).
 */
const chronologyCatalogues = {
  en: { ...AGREEMENTS_MESSAGES.en, ...SHARING_MESSAGES.en, ...RIGHTS_MESSAGES.en, ...RECORDS_MESSAGES.en },
} as const satisfies Record<Locale, Catalogue>;
export const CHRONOLOGY_CATALOGUES: Readonly<Record<Locale, Catalogue>> = chronologyCatalogues;

/** A message any chronology entry may name, as a title or a summary. */
export type ChronologyKey = MessageKey<(typeof chronologyCatalogues)["en"]>;
/** What fills an entry's messages: codes (shown as their labels), names, references and counts; never a sentence. */
export type ChronologyParams = Record<string, string | number>;

/** A chronology entry as stored: message keys and parameters, and what a person wrote. */
export interface StoredChronologyText {
  code: string;
  params: ChronologyParams;
  summary: string;
  summaryCode: string | null;
}

/** An entry's title and summary in words, as the pages, the print view and the API show them. */
export function renderChronologyEntry(entry: StoredChronologyText, locale: Locale = "en"): { title: string; summary: string } {
  const catalogue = CHRONOLOGY_CATALOGUES[locale];
  return {
    title: message(catalogue, entry.code, entry.params, locale),
    summary: entry.summaryCode ? message(catalogue, entry.summaryCode, { ...entry.params, text: entry.summary }, locale) : entry.summary,
  };
}
