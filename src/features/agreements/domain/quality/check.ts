import type { AgreementContent, Section } from "../content";
import { QUALITY_SEVERITIES, type QualityCode, type QualitySeverity } from "./codes";

export interface QualityFinding {
  code: QualityCode;
  severity: QualitySeverity;
  section: Section;
  /**
   * JSON pointer into the content, e.g. /dataItems/2. The next review date is kept on the agreement,
   * not in the content; its findings point at /documentControl/nextReviewDate.
   */
  path: string;
  /** One plain-English line naming the thing. */
  message: string;
}

export interface QualityInput {
  content: AgreementContent;
  nextReviewDate: string | null;
  /** YYYY-MM-DD */
  today: string;
  /** Party organisations that are public authorities (they cannot rely on legitimate interests). */
  publicAuthorityIds?: ReadonlySet<string>;
  /** Organisation names by id, so messages can name a party; "party 2" otherwise. */
  organisationNames?: Readonly<Record<string, string>>;
}

/** What every rule family is given: the input, and one way to name a party and to record a finding. */
export interface QualityCheck {
  input: QualityInput;
  content: AgreementContent;
  partyIds: string[];
  /** The party's organisation name, or "Party 2" when names were not given. */
  partyName(organisationId: string): string;
  add(code: QualityCode, section: Section, path: string, message: string): void;
}

export function startCheck(input: QualityInput, findings: QualityFinding[]): QualityCheck {
  const { content } = input;
  const add = (code: QualityCode, section: Section, path: string, message: string) =>
    findings.push({ code, severity: QUALITY_SEVERITIES[code], section, path, message });

  const partyIds = content.parties.map((p) => p.organisationId);
  const partyName = (organisationId: string) => {
    const name = input.organisationNames?.[organisationId];
    if (name) return name;
    const index = partyIds.indexOf(organisationId);
    return index >= 0 ? `Party ${index + 1}` : "An organisation that is not a party";
  };
  return { input, content, partyIds, partyName, add };
}

export const blank = (s: string) => s.trim() === "";

export function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
