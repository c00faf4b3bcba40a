import { ukDate } from "../../../platform/dates/calendar";
import { nhsDisplay } from "../../records";
import type { ShareDecisionInput } from "../domain/decision-input";
import type { DisclosedPerson } from "../domain/disclosure-snapshot";
import { describeMentions, type ProtectedMention } from "../domain/protected-details";
import type { SubjectDetail } from "../domain/vocabulary";

/**
 * The sender's own account of what a disclosure carried, in words: each detail about the person that
 * went or did not, and what was taken out of each item (GR6-MINIMISE, GR5-PROTECT-IDENTITIES). Built
 * from the snapshot that went (as the viewer may see it: `personForViewer`) and the decision's record.
 */

const NOT_SENT = "Not sent";
const NOT_RECORDED = "Sent, but not recorded for this person";

const protectedCount = (n: number) => (n === 1 ? "A protected address (such as a refuge)" : `${n} protected addresses (such as a refuge)`);

function addressLines(person: DisclosedPerson & { protectedAddressesWithheld?: number }, leftOut: number): string[] {
  const lines = (person.addresses ?? []).map(
    (a) =>
      `${a.lines.replace(/\s*\n\s*/g, ", ")}${a.postcode ? `, ${a.postcode}` : ""}${a.protected ? " (a protected address, sent for the reason recorded)" : ""}`,
  );
  const withheld = person.protectedAddressesWithheld ?? 0;
  if (withheld) lines.push(`${protectedCount(withheld)}: sent, for the reason recorded; only safeguarding leads and IG leads are shown it`);
  if (leftOut) lines.push(`${protectedCount(leftOut)}: left out`);
  return lines.length ? lines : ["None recorded for this person"];
}

/** One row per detail a decider can choose, saying what went; the name always goes. */
export function personRows(person: DisclosedPerson & { protectedAddressesWithheld?: number }, record: ShareDecisionInput) {
  const chosen = new Set<SubjectDetail>(record.items.subjectDetails ?? []);
  const value = (detail: SubjectDetail, shown: string | null | undefined) => (!chosen.has(detail) ? NOT_SENT : shown || NOT_RECORDED);
  const date = person.dateOfBirth ?? person.expectedDate;
  return [
    { label: "Name", value: person.name },
    { label: "Date of birth (or expected date)", value: value("dateOfBirth", date ? ukDate(date) : null) },
    { label: "NHS number", value: value("nhsNumber", nhsDisplay(person.nhsNumber)) },
    { label: "Unique pupil number", value: value("upn", person.upn) },
    { label: "Phone number and email", value: value("contact", [person.phone, person.email].filter(Boolean).join(", ")) },
    {
      label: "Addresses",
      value: chosen.has("addresses") ? addressLines(person, record.items.protectedAddressesLeftOut ?? 0).join("; ") : NOT_SENT,
    },
  ];
}

/**
 * What is (or was) taken out as protected, as this viewer may read it (GR5-PROTECT-IDENTITIES): the
 * phrases as written for those who may decide about protected details, in words for anyone else. A
 * practitioner can read their own organisation's item text, but is never shown which of its words are a
 * protected detail, as they are never shown a protected address.
 */
export function takenOutInWords(mentions: readonly ProtectedMention[], mayDecide: boolean): string {
  return mayDecide ? mentions.map((m) => m.phrase).join("; ") : describeMentions(mentions);
}

/** What Safeshare took out of the purpose the recipient was told, in words (empty when nothing). */
export function purposeNote(record: ShareDecisionInput): string {
  const found = record.purpose.protectedRedactions ?? [];
  return found.length ? `Protected details taken out: ${describeMentions(found)}` : "";
}

/** For each item that went, in the order sent: what Safeshare took out of it, in words (empty when nothing). */
export function protectedNotes(record: ShareDecisionInput): string[] {
  return (record.items.items ?? [])
    .filter((c) => c.share)
    .map((c) => (c.protectedRedactions?.length ? `Protected details taken out: ${describeMentions(c.protectedRedactions)}` : ""));
}
