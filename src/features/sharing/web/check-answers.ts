import { ukDate } from "../../../platform/dates/calendar";
import { ITEM_CATEGORY_LABELS, type ItemCategory } from "../../records/domain";
import type { ItemChoice } from "../domain/decision-input";
import { protectedDetailsGo } from "../domain/disclosure-snapshot";
import { SHARING_MESSAGES } from "../domain/messages";
import type { ProtectedMention } from "../domain/protected-details";
import { SUBJECT_DETAIL_LABELS, type SubjectDetail } from "../domain/vocabulary";
import type { shareableItems } from "../services/choices";
import { type Answers, getAt, noneOption } from "./answers";
import { type FieldDef, fieldIdOf, type StepChoices } from "./step-fields";
import { fieldApplies, STEPS, stepApplies } from "./steps";
import { takenOutInWords } from "./what-went";

/** The check-your-answers summary: every question by step, the answer as people read it, and a link back to change it. */

function display(field: FieldDef, answers: Answers, choices: StepChoices): string | undefined {
  const v = field.codec ? field.codec.read(answers) : getAt(answers, field.path);
  if (v === undefined || v === "") return undefined;
  if (field.kind === "yesno") return v === true ? "Yes" : v === false ? "No" : undefined;
  const options = [...(field.options?.(choices) ?? []), ...noneOption(field)];
  const label = (code: unknown) =>
    options.find((o) => o.value === (code === null ? "none" : String(code)))?.text ?? SHARING_MESSAGES.en.checkAnswers.noLongerOffered;
  if (Array.isArray(v)) return v.length ? v.map(label).join("; ") : "None";
  if (field.options) return label(v);
  return String(v);
}

/** A chosen record item, as the summary names it. */
export interface ChosenItem {
  id: string;
  category: ItemCategory;
  eventDate: string;
  text: string;
}

/**
 * The items the answers chose, and what is taken out of each as protected: for a draft, what will be
 * (found in it now, unless a lead's reason lets it go); for a recorded decision, what its record says
 * was. `mayDecide` is the viewer's: whether they read those details as written or in words.
 */
export interface ItemsForSummary {
  items: readonly ChosenItem[];
  takenOut: (choice: ItemChoice) => readonly ProtectedMention[];
  mayDecide: boolean;
}

/** A draft's items: each current item, and what a share of it will take out as the answers now stand. */
export function draftItems(shareable: Awaited<ReturnType<typeof shareableItems>>, mayDecide: boolean): ItemsForSummary {
  const found = new Map(shareable.items.map((r) => [r.item.id, r.protectedMentions]));
  return {
    items: shareable.items.map((r) => r.item),
    takenOut: (c) => (protectedDetailsGo(c.protectedDetailsReason, mayDecide) ? [] : (found.get(c.itemId) ?? [])),
    mayDecide,
  };
}

/** A recorded decision's items: what its record says was taken out of each, never searched again. */
export const recordedItems = (items: readonly ChosenItem[], mayDecide: boolean): ItemsForSummary => ({
  items,
  takenOut: (c) => c.protectedRedactions ?? [],
  mayDecide,
});

/**
 * The sections of the summary: each step that applies to this decision, with only the questions that
 * apply and were answered (a follow-up whose answer did not call for it, or a part a decision not to
 * share skips, is not shown as "Not answered"). A step reached only from here (the person named, the
 * advice under an agreement) shows what it would record without an answer, so it can be changed.
 */
export function answerSections(subjectId: string, answers: Answers, choices: StepChoices, chosen: ItemsForSummary) {
  const href = (step: string, path: string) => `/subjects/${subjectId}/share/steps/${step}?return=check#${fieldIdOf(path)}`;
  const underAgreement = typeof getAt(answers, "/recipient/agreementId") === "string";
  // The legal basis is asked once: on the agreement's change page, or on the one-off pages.
  const shown = STEPS.filter((s) => stepApplies(s.key, answers) && s.key !== "legal-basis" && s.key !== "agreement");
  return shown.flatMap((step) => {
    if (step.key === "items") return [itemsSection(answers, chosen, href)];
    const rows = step.fields
      .filter((f) => fieldApplies(f, answers))
      .flatMap((f) => {
        const value = display(f, answers, choices);
        return value === undefined ? [] : [{ label: f.label, value, href: href(step.key, f.path) }];
      });
    if (step.key === "recipient") {
      const agreement = getAt(answers, "/recipient/agreementId");
      const named = agreement ? choices.agreements.find((o) => o.value === agreement)?.text : undefined;
      rows.push({
        label: "Data sharing agreement",
        value: underAgreement ? (named ?? "The agreement chosen") : "None: a one-off share",
        href: href("agreement", "/recipient/agreementId"),
      });
    }
    if (step.key === "recipient-person" && rows.length === 0)
      rows.push({
        label: "Who should receive it?",
        value: "No one named: the organisation's safeguarding leads",
        href: href(step.key, "/recipient/userId"),
      });
    if (step.key === "advice" && rows.length === 0)
      rows.push({ label: "Did you seek advice?", value: "Not recorded", href: href(step.key, "/advice/sought") });
    const title = step.key === "change-basis" ? "The legal basis" : step.title;
    return rows.length ? [{ key: step.key, title, rows }] : [];
  });
}

function itemsSection(answers: Answers, chosen: ItemsForSummary, href: (step: string, path: string) => string) {
  const picked = (getAt(answers, "/items/items") as ItemChoice[] | undefined) ?? [];
  const rows = picked.flatMap((c) => {
    const found = chosen.items.find((i) => i.id === c.itemId);
    const what = found
      ? `${ITEM_CATEGORY_LABELS[found.category]}, ${ukDate(found.eventDate)}: ${found.text}`
      : "An item no longer on the record";
    const takenOut = c.share ? chosen.takenOut(c) : [];
    const shared = {
      label: c.share ? "Shared" : "Withheld",
      value: c.share
        ? `${what}${c.redactions?.length ? ` (redacting: ${c.redactions.join("; ")})` : ""}${takenOut.length ? ` (protected details taken out: ${takenOutInWords(takenOut, chosen.mayDecide)})` : ""}`
        : `${what}. Why: ${c.withheldReason ?? "not given"}`,
      href: href("items", "/items"),
    };
    const reason =
      c.share && c.protectedDetailsReason
        ? [{ label: "Why its protected details must go", value: c.protectedDetailsReason, href: href("items", "/items") }]
        : [];
    return [shared, ...reason];
  });
  if (!rows.length) rows.push({ label: "Shared", value: "Nothing chosen yet", href: href("items", "/items") });
  const details = ((getAt(answers, "/items/subjectDetails") as SubjectDetail[] | undefined) ?? []).map((d) => SUBJECT_DETAIL_LABELS[d]);
  rows.push({ label: "About the person", value: ["Name", ...details].join("; "), href: href("items", "/items/subjectDetails") });
  const reason = getAt(answers, "/items/protectedAddressReason");
  if (reason)
    rows.push({
      label: "Why the protected address is needed",
      value: String(reason),
      href: href("items", "/items/protectedAddressReason"),
    });
  const exception = getAt(answers, "/items/itemException");
  if (exception)
    rows.push({ label: "Items outside the agreement, and why", value: String(exception), href: href("items", "/items/itemException") });
  return { key: "items", title: "What to share", rows };
}
