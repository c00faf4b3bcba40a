import type { Actor } from "../../../platform/auth/actor";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, type FieldError, RulesBlockedError } from "../../../platform/errors";
import { ALL_SHARE_RULES, type ShareRuleCode } from "../../../platform/rules";
import { fieldErrorsOf, formHelpers, type Option, optionsOf } from "../../../platform/web-kit/forms";
import { ITEM_CATEGORY_LABELS, RECORD_ITEM_KIND_LABELS } from "../../records/domain";
import { levelsOfNeed } from "../../settings";
import type { Finding } from "../domain/evaluate-decision";
import { describeMentions } from "../domain/protected-details";
import { SUBJECT_DETAIL_LABELS, SUBJECT_DETAILS } from "../domain/vocabulary";
import { agreementsBetween, openConcernsOf, otherMembers, peopleWhoCanReceive, type shareableItems } from "../services/choices";
import { evaluateProposedDecision } from "../services/evaluate-proposed-decision";
import { type Answers, formValue, getAt, noneOption } from "./answers";
import { concernChoice } from "./concern-choice";
import { fieldIdOf, type StepChoices, type StepDef } from "./step-fields";
import { stepOfPath } from "./steps";

/** What the wizard pages need beyond the draft: the choices, each field ready for its GOV.UK macro, and the findings. */

export interface ShareDraft extends Record<string, unknown> {
  answers: Answers;
  doneSteps: string[];
  /** The idempotency key of this draft's decision: two tabs submitting it record one decision. */
  key: string;
  attempted?: boolean;
  /** Set when the draft is the full record of an emergency share already made (that decision's id). */
  completes?: string;
}

/** Questions answered by choosing from a list: with nothing in the list (no concerns yet, say), the page says so. */
const CHOICE_KINDS: readonly string[] = ["radios", "checkboxes", "select"];

const YES_NO: Option[] = [
  { value: "yes", text: "Yes" },
  { value: "no", text: "No" },
];

export async function stepChoices(db: Db, actor: Actor, subjectId: string, answers: Answers): Promise<StepChoices> {
  const recipientId = getAt(answers, "/recipient/organisationId");
  const recipientKnown = typeof recipientId === "string" && /^[0-9a-f-]{36}$/.test(recipientId);
  const [levels, concerns, members, agreements, people] = await Promise.all([
    levelsOfNeed(db),
    openConcernsOf(db, actor, subjectId),
    otherMembers(db, actor),
    recipientKnown ? agreementsBetween(db, actor, recipientId, today()) : Promise.resolve([]),
    recipientKnown ? peopleWhoCanReceive(db, recipientId) : Promise.resolve([]),
  ]);
  const chosenAgreement = getAt(answers, "/recipient/agreementId");
  return {
    levels: levels.map((l) => ({ value: l.code, text: l.label })),
    concerns: concerns.map(concernChoice),
    organisations: members.map((o) => ({ value: o.id, text: o.name })),
    // Only agreements in force are offered; one chosen before it lapsed stays visible, saying why, until changed.
    agreements: agreements
      .filter((a) => a.inForce || a.id === chosenAgreement)
      .map((a) => ({
        value: a.id,
        text: `${a.reference} ${a.title} (${a.inForce ? `version ${a.version} in force` : `not in force: ${a.notInForceReason}`})`,
      })),
    recipientPeople: people.map((p) => ({
      value: p.id,
      text: p.name,
      hint: p.roles.includes("safeguarding_lead") ? "Safeguarding lead" : "Practitioner",
    })),
  };
}

/** Each field of a step as its template renders it: id, label, the macro's items, the value and any error. */
export function fieldsFor(step: StepDef, answers: Answers, choices: StepChoices, errors: Record<string, { text: string }>) {
  return step.fields.map((field) => {
    const id = fieldIdOf(field.path);
    const value = formValue(field, answers);
    const options = [...(field.options?.(choices) ?? []), ...noneOption(field)];
    const items =
      field.kind === "yesno"
        ? formHelpers.radioItems(YES_NO, value)
        : field.kind === "checkboxes"
          ? formHelpers.checkboxItems(options, value)
          : field.kind === "select"
            ? formHelpers.selectItems(options, value, "Choose one")
            : formHelpers.radioItems(options, value);
    return {
      id,
      kind: field.kind,
      label: field.label,
      hint: field.hint,
      value,
      items,
      error: errors[id],
      empty: options.length === 0 && CHOICE_KINDS.includes(field.kind),
    };
  });
}

/**
 * The items page: each current item with its tags and the choice made for it. What a share takes out of
 * it is quoted only for someone who may decide about protected details (`mayDecide`); anyone else is
 * told what it is, in words.
 */
export function itemRows(shareable: Awaited<ReturnType<typeof shareableItems>>, answers: Answers, mayDecide: boolean) {
  const chosen =
    (getAt(answers, "/items/items") as
      | { itemId: string; share: boolean; withheldReason?: string; redactions?: string[]; protectedDetailsReason?: string }[]
      | undefined) ?? [];
  return shareable.items.map(({ item, receivedFrom, onward, protectedMentions }) => {
    const choice = chosen.find((c) => c.itemId === item.id);
    return {
      id: item.id,
      title: `${ITEM_CATEGORY_LABELS[item.category]}, ${ukDate(item.eventDate)}`,
      text: item.text,
      kindLabel: RECORD_ITEM_KIND_LABELS[item.kind],
      // R-RESTRICTED: offered only to withhold or leave out, so it is not first refused at the check page.
      restricted: item.restrictedAt !== null,
      tags: [
        { text: RECORD_ITEM_KIND_LABELS[item.kind], classes: item.kind === "OPINION" ? "govuk-tag--purple" : "" },
        ...(item.historical ? [{ text: "Historical", classes: "govuk-tag--grey" }] : []),
        ...(item.specialCategory ? [{ text: "Special category", classes: "govuk-tag--orange" }] : []),
        ...(item.criminalOffence ? [{ text: "Criminal offence", classes: "govuk-tag--red" }] : []),
        ...(item.accuracy === "DISPUTED" ? [{ text: "Disputed", classes: "govuk-tag--yellow" }] : []),
        ...(item.restrictedAt ? [{ text: "Restricted", classes: "govuk-tag--red" }] : []),
        ...(receivedFrom
          ? [{ text: `From ${receivedFrom}${onward === "PERMITTED" ? "" : ": not to be passed on"}`, classes: "govuk-tag--blue" }]
          : []),
      ],
      choice: choice ? (choice.share ? "share" : "withhold") : "leave",
      reason: choice?.withheldReason ?? "",
      redactions: (choice?.redactions ?? []).join("\n"),
      // What a share takes out of it by default (GR5-PROTECT-IDENTITIES): said in words, and for a lead the phrases as written.
      protectedFound: protectedMentions.length
        ? { what: describeMentions(protectedMentions), phrases: mayDecide ? protectedMentions.map((m) => m.phrase) : [] }
        : null,
      protectedReason: choice?.protectedDetailsReason ?? "",
    };
  });
}

export const subjectDetailOptions = optionsOf(SUBJECT_DETAILS, SUBJECT_DETAIL_LABELS);

/** Findings, and answers that cannot be used as they stand, for the task list and the check page. */
export async function assess(
  db: Db,
  actor: Actor,
  subjectId: string,
  answers: Answers,
): Promise<{ findings: Finding[]; fieldErrors: FieldError[] }> {
  try {
    const { findings } = await evaluateProposedDecision(db, actor, { ...answers, subjectId, acknowledgedWarnings: [] });
    return { findings, fieldErrors: [] };
  } catch (error) {
    // The rules' findings are kept whole (code, severity) for the task list; answers that cannot be used are field errors.
    if (error instanceof RulesBlockedError) return { findings: error.findings as Finding[], fieldErrors: [] };
    const refused = error instanceof ConflictError ? undefined : fieldErrorsOf(error);
    if (!refused) throw error;
    return { findings: [], fieldErrors: refused.fieldErrors };
  }
}

/** A rule finding as the pages show it: its code, the rule's source, the reason, and a link to the question. */
export function presentFinding(subjectId: string, f: { code: string; message: string; path: string; severity: string }) {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    rule: ALL_SHARE_RULES[f.code as ShareRuleCode] ?? "",
    step: stepOfPath(f.path),
    href: `/subjects/${subjectId}/share/steps/${stepOfPath(f.path)}?return=check#${fieldIdOf(f.path.replace(/\/items\/items\/\d+.*/, "/items"))}`,
  };
}
