import { ukDateTime } from "../../../platform/dates/calendar";
import { message } from "../../../platform/messages";
import { reportIsLate } from "./clock";
import { type IcoForm, type IcoFormFacts, icoFormOf } from "./ico-form";
import { BREACHES_MESSAGES } from "./messages";
import { breachReference } from "./vocabulary";

const words = BREACHES_MESSAGES.en;
const pack = words.icoPack;

/**
 * The ICO report pack (issue 22): the fields of the ICO's personal data breach report form in words,
 * in the form's order, for a person to copy into the ICO's form or to keep on file. One outline that
 * the page, the PDF and the API's JSON all draw, so the three say the same. Drawn from a kept report's
 * snapshot (never recomputed: what the ICO was told), or, as a draft, from the breach's facts now.
 * It names no one affected: the form asks for numbers and categories, never names.
 */
export interface IcoPackRow {
  label: string;
  value: string;
}

export interface IcoPackSection {
  heading: string;
  rows: IcoPackRow[];
}

export interface IcoPackOutline {
  title: string;
  introduction: string;
  sections: IcoPackSection[];
  /** On every page of the PDF: "Breach BR-12". */
  footer: string;
}

/** A kept report's pack, or the draft's. */
export type PackOf = { draft: false } | { draft: true; now: Date };

const listed = (texts: string[], none: string) => (texts.length ? texts.join("\n") : none);
const known = (n: number | null) => (n === null ? pack.notKnown : n.toLocaleString("en-GB"));
const orNot = (text: string, none: string) => text.trim() || none;

/** The outline of the pack for `form`, of breach number `reference`. */
export function icoPackOutline(form: IcoForm, reference: number, of: PackOf): IcoPackOutline {
  const ref = breachReference(reference);
  const phase = words.phase[form.phase];
  const late = of.draft ? reportIsLate(new Date(form.awareAt), of.now) : form.late;
  const aboutReport: IcoPackRow[] = [
    { label: pack.reportType, value: phase },
    {
      label: pack.caseReference,
      value: form.icoCaseReference ?? (of.draft && form.phase === "FOLLOW_UP" ? pack.enterCaseReference : pack.noCaseReference),
    },
    { label: pack.reportedAt, value: of.draft ? pack.notYetReported : ukDateTime(form.reportedAt) },
    { label: pack.dueAt, value: ukDateTime(form.dueAt) },
  ];
  // Lateness is a question of the initial report: a follow-up is made when there is more to tell.
  if (form.phase === "INITIAL") {
    aboutReport.push({
      label: pack.lateQuestion,
      value: of.draft ? (late ? pack.draftLate : pack.draftOnTime) : late ? pack.yesLate : pack.noOnTime,
    });
    if (late)
      aboutReport.push({ label: pack.delayReasons, value: of.draft ? pack.giveDelayReasons : orNot(form.delayReasons, pack.notStated) });
  }
  return {
    title: of.draft
      ? message(words, "icoPack.draftTitle", { reference: ref })
      : message(words, "icoPack.title", { reference: ref, phase: phase.toLowerCase() }),
    introduction: of.draft
      ? message(words, "icoPack.draftIntroduction", { reference: ref, now: ukDateTime(of.now) })
      : message(words, "icoPack.introduction", {
          reference: ref,
          organisation: form.organisation,
          reportedAt: ukDateTime(form.reportedAt),
        }),
    sections: [
      { heading: pack.aboutReport, rows: aboutReport },
      {
        heading: pack.organisationHeading,
        rows: [
          { label: pack.organisation, value: form.organisation },
          { label: pack.contact, value: orNot(form.contact, pack.notStated) },
        ],
      },
      {
        heading: pack.whatHappenedHeading,
        rows: [
          { label: pack.whatHappened, value: form.whatHappened },
          { label: pack.occurredAt, value: form.occurredAt ? ukDateTime(form.occurredAt) : pack.notKnown },
          { label: pack.awareAt, value: ukDateTime(form.awareAt) },
          { label: pack.howDiscovered, value: form.howDiscovered },
          { label: pack.cyber, value: form.cyber ? pack.yes : pack.no },
          {
            label: pack.types,
            value: listed(
              form.types.map((t) => words.type[t]),
              pack.notStated,
            ),
          },
          {
            label: pack.kinds,
            value: listed(
              form.kinds.map((k) => words.kind[k]),
              pack.notStated,
            ),
          },
        ],
      },
      {
        heading: pack.dataHeading,
        rows: [
          {
            label: pack.dataCategories,
            value: listed(
              form.dataCategories.map((c) => words.dataCategory[c]),
              pack.noDataCategories,
            ),
          },
          { label: pack.approxPeople, value: known(form.approxPeople) },
          { label: pack.approxRecords, value: known(form.approxRecords) },
        ],
      },
      {
        heading: pack.consequencesHeading,
        rows: [
          { label: pack.consequences, value: orNot(form.consequences, pack.notYetRecorded) },
          {
            label: pack.physicalRisk,
            value: form.physicalRisk ? (form.physicalRiskDetail.trim() ? `${pack.yes}: ${form.physicalRiskDetail}` : pack.yes) : pack.no,
          },
        ],
      },
      {
        heading: pack.measuresHeading,
        rows: [
          { label: pack.measuresTaken, value: orNot(form.measuresTaken, pack.notYetRecorded) },
          { label: pack.measuresProposed, value: orNot(form.measuresProposed, pack.notYetRecorded) },
        ],
      },
    ],
    footer: message(words, "icoPack.footer", { reference: ref }),
  };
}

/**
 * The form as it would be reported now, for the draft: the initial report while there is none, then a
 * follow-up citing the ICO's case reference (the latest any report gave), with the contact the latest
 * report named or else the person preparing it.
 */
export function draftIcoForm(
  breach: IcoFormFacts,
  reports: readonly { phase: IcoForm["phase"]; icoCaseReference: string | null; contact: string }[],
  organisation: string,
  preparedBy: string,
  now: Date,
): IcoForm {
  const latest = (pick: (r: (typeof reports)[number]) => string | null) =>
    reports
      .map(pick)
      .filter((v): v is string => !!v)
      .at(-1) ?? null;
  return icoFormOf(breach, {
    phase: reports.some((r) => r.phase === "INITIAL") ? "FOLLOW_UP" : "INITIAL",
    reportedAt: now,
    icoCaseReference: latest((r) => r.icoCaseReference),
    delayReasons: "",
    organisation,
    contact: latest((r) => r.contact) ?? preparedBy,
  });
}
