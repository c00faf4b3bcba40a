import type { Actor } from "../../../platform/auth/actor";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, type FieldError, RulesBlockedError } from "../../../platform/errors";
import { ALL_SHARE_RULES, type ShareRuleCode } from "../../../platform/rules";
import { fieldErrorsOf, formHelpers, type Option, optionsOf } from "../../../platform/web-kit/forms";
import { PURPOSE_CODES, PURPOSE_LABELS } from "../../agreements/domain";
import { ITEM_CATEGORY_LABELS, RECORD_ITEM_KIND_LABELS } from "../../records/domain";
import { levelsOfNeed } from "../../settings";
import { isId } from "../domain/decision-input";
import type { Finding } from "../domain/evaluate-decision";
import { describeMentions } from "../domain/protected-details";
import { SUBJECT_DETAIL_LABELS, SUBJECT_DETAILS } from "../domain/vocabulary";
import type { AgreementForShare } from "../services/agreement-terms";
import { agreementsBetween, openConcernsOf, otherMembers, peopleWhoCanReceive, type shareableItems } from "../services/choices";
import { evaluateProposedDecision } from "../services/evaluate-proposed-decision";
import { type Answers, formValue, getAt, noneOption, setAt } from "./answers";
import { concernChoice } from "./concern-choice";
import { type FieldDef, fieldIdOf, type StepChoices, type StepDef } from "./step-fields";
import { fieldApplies, stepOfPath } from "./steps";

/** What the wizard pages need beyond the draft: the choices, each field ready for its GOV.UK macro, and the findings. */

export interface ShareDraft extends Record<string, unknown> {
  answers: Answers;
  /** The steps answered: the wizard goes on to the first that applies and is not. */
  doneSteps: string[];
  /** More than one agreement in force covers both organisations, so the practitioner chooses (with one, it is chosen for them). */
  asksAgreement?: boolean;
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

export async function stepChoices(
  db: Db,
  actor: Actor,
  subjectId: string,
  answers: Answers,
  agreement: AgreementForShare | null = null,
): Promise<StepChoices> {
  const recipientId = getAt(answers, "/recipient/organisationId");
  const recipientKnown = isId(recipientId);
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
    // Under an agreement, only the purposes it lists, each with the agreement's words for it.
    purposes: agreement
      ? agreement.terms.purposes.map((p) => ({ value: p.code, text: PURPOSE_LABELS[p.code], hint: p.description || undefined }))
      : optionsOf(PURPOSE_CODES, PURPOSE_LABELS),
    recipientPeople: people.map((p) => ({
      value: p.id,
      text: p.name,
      hint: p.roles.includes("safeguarding_lead") ? "Safeguarding lead" : "Practitioner",
    })),
  };
}

/** The value a field's form shows: through its codec when one question answers two. */
const shownValue = (field: FieldDef, answers: Answers) => (field.codec ? (field.codec.read(answers) ?? "") : formValue(field, answers));

/**
 * Each question of a step as its template renders it: id, label, the macro's items, the value and any
 * error. A follow-up is not a question of its own on the page: it is revealed under the choice that
 * asks it (GOV.UK conditional reveal), so it sits inside that item as `reveal`.
 */
export function fieldsFor(step: StepDef, answers: Answers, choices: StepChoices, errors: Record<string, { text: string }>) {
  const render = (field: FieldDef): RenderedField => {
    const id = fieldIdOf(field.path);
    const value = shownValue(field, answers);
    const options = [...(field.options?.(choices) ?? []), ...noneOption(field)];
    const items: RenderedItem[] =
      field.kind === "yesno"
        ? formHelpers.radioItems(YES_NO, value)
        : field.kind === "checkboxes"
          ? formHelpers.checkboxItems(options, value)
          : field.kind === "select"
            ? formHelpers.selectItems(options, value, "Choose one")
            : formHelpers.radioItems(options, value);
    const followUps = step.fields.filter((f) => f.revealedBy?.path === field.path);
    for (const item of items) {
      const reveal = followUps.filter((f) => revealValue(f) === item.value).map(render);
      if (reveal.length) item.reveal = reveal;
    }
    const errorPaths = field.codec ? field.codec.paths : [field.path];
    return {
      id,
      kind: field.kind,
      label: field.label,
      hint: field.hint,
      value,
      items,
      error: errorPaths.map((p) => errors[fieldIdOf(p)]).find(Boolean),
      empty: options.length === 0 && CHOICE_KINDS.includes(field.kind),
    };
  };
  // A question that does not apply to this decision (why sharing is necessary, in a decision not to share) is not asked.
  const asked = step.fields.filter((f) =>
    f.revealedBy ? !step.fields.some((p) => p.path === f.revealedBy?.path) : fieldApplies(f, answers),
  );
  return asked.map(render);
}

/** The form value of the choice that reveals a follow-up: "yes"/"no" for a yes or no question, "none" for a null answer. */
function revealValue(field: FieldDef): string {
  const value = field.revealedBy!.value;
  return value === true ? "yes" : value === false ? "no" : value;
}

interface RenderedItem {
  value: string;
  text: string;
  reveal?: RenderedField[];
  [k: string]: unknown;
}
interface RenderedField {
  id: string;
  kind: string;
  label: string;
  hint?: string;
  value: unknown;
  items: RenderedItem[];
  error?: { text: string };
  empty: boolean;
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
export function presentFinding(subjectId: string, answers: Answers, f: { code: string; message: string; path: string; severity: string }) {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    rule: ALL_SHARE_RULES[f.code as ShareRuleCode] ?? "",
    step: stepOfPath(f.path, answers),
    href: `/subjects/${subjectId}/share/steps/${stepOfPath(f.path, answers)}?return=check#${anchorOf(f.path)}`,
  };
}

/** Where on its page an answer's path is asked: the consent question answers two paths; an item's problem is the items list. */
export function anchorOf(path: string): string {
  if (path.startsWith("/transparency/consentStatus") || path.startsWith("/transparency/consentNotSoughtReason"))
    return "transparency-consent";
  // A date's problem links to its day box, the first of the three (GOV.UK).
  if (path === "/decision/accessExpiresOn") return "decision-accessExpiresOn-day";
  return fieldIdOf(path.replace(/\/items\/items\/\d+.*/, "/items"));
}

/**
 * The agreement for a new recipient: the agreements in force between the two organisations decide.
 * With exactly one it is chosen (the legal basis page says which); with several the practitioner
 * chooses; with none the share is a one-off. A recipient not known yet chooses nothing.
 */
export async function chooseAgreement(db: Db, actor: Actor, answers: Answers): Promise<{ answers: Answers; asksAgreement: boolean }> {
  const recipientId = getAt(answers, "/recipient/organisationId");
  const known = isId(recipientId);
  const inForce = known ? (await agreementsBetween(db, actor, recipientId, today())).filter((a) => a.inForce) : [];
  const chosen = inForce.length === 1 ? inForce[0]!.id : inForce.length === 0 && known ? null : undefined;
  return { answers: setAt(answers, "/recipient/agreementId", chosen), asksAgreement: inForce.length > 1 };
}
