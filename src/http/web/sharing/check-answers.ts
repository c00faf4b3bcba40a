import { ITEM_CATEGORY_LABELS } from "../../../domain/information";
import { SUBJECT_DETAIL_LABELS, type SubjectDetail } from "../../../domain/sharing/vocabulary";
import type { shareableItems } from "../../../services/sharing/choices";
import { type Answers, getAt, noneOption } from "./answers";
import { type FieldDef, fieldIdOf, STEPS, type StepChoices } from "./steps";

/** The check-your-answers summary: every question by step, the answer as people read it, and a link back to change it. */

function display(field: FieldDef, answers: Answers, choices: StepChoices): string | undefined {
  const v = getAt(answers, field.path);
  if (v === undefined || v === "") return undefined;
  if (field.kind === "yesno") return v === true ? "Yes" : v === false ? "No" : undefined;
  const options = [...(field.options?.(choices) ?? []), ...noneOption(field)];
  const label = (code: unknown) => options.find((o) => o.value === (code === null ? "none" : String(code)))?.text ?? String(code);
  if (Array.isArray(v)) return v.length ? v.map(label).join("; ") : "None";
  if (field.options) return label(v);
  return String(v);
}

export function answerSections(
  subjectId: string,
  answers: Answers,
  choices: StepChoices,
  shareable: Awaited<ReturnType<typeof shareableItems>>,
) {
  const href = (step: string, path: string) => `/subjects/${subjectId}/share/steps/${step}?return=check#${fieldIdOf(path)}`;
  return STEPS.map((step) => {
    if (step.key === "items") {
      const chosen =
        (getAt(answers, "/items/items") as
          | {
              itemId: string;
              share: boolean;
              withheldReason?: string;
              redactions?: string[];
              protectedDetailsReason?: string;
              protectedRedactions?: { phrase: string }[];
            }[]
          | undefined) ?? [];
      const rows = chosen.flatMap((c) => {
        const row = shareable.items.find((r) => r.item.id === c.itemId);
        const found = row?.item;
        const what = found
          ? `${ITEM_CATEGORY_LABELS[found.category]}, ${found.eventDate}: ${found.text}`
          : "An item no longer on the record";
        // As recorded, what was taken out; before then, what will be, unless a reason is given to leave it in.
        const takenOut = (c.protectedRedactions ?? (c.protectedDetailsReason ? [] : (row?.protectedMentions ?? []))).map((m) => m.phrase);
        const shared = {
          label: c.share ? "Shared" : "Withheld",
          value: c.share
            ? `${what}${c.redactions?.length ? ` (redacting: ${c.redactions.join("; ")})` : ""}${takenOut.length ? ` (protected details taken out: ${takenOut.join("; ")})` : ""}`
            : `${what}. Why: ${c.withheldReason ?? "not given"}`,
          href: href("items", "/items"),
        };
        const reason =
          c.share && c.protectedDetailsReason
            ? [{ label: "Why its protected details must go", value: c.protectedDetailsReason, href: href("items", "/items") }]
            : [];
        return [shared, ...reason];
      });
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
      return { key: step.key, title: step.title, rows };
    }
    return {
      key: step.key,
      title: step.title,
      rows: step.fields.map((f) => ({ label: f.label, value: display(f, answers, choices), href: href(step.key, f.path) })),
    };
  });
}
