import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { type DateParts, isoFromParts } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotFoundError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { zodIssuesToFieldErrors } from "../../../platform/http/problem";
import { bodyOf, type ErrorSummary, errorSummary, fieldId, list, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { discardDraft, loadDraft, saveDraft } from "../../form-drafts";
import { ITEM_CATEGORY_LABELS, type ItemCategory } from "../domain/information";
import { RECORD_ITEM_KIND_LABELS, type RecordItemKind, recordItemInput, SOURCE_METHOD_LABELS, type SourceMethod } from "../domain/records";
import { loadSubject, recordRead, type SubjectRow, viewSubjectRow } from "../services/access";
import { recordItem } from "../services/items";
import {
  ITEM_DATE_FIELDS,
  ITEM_TASK_KEYS,
  ITEM_TASKS,
  type ItemTask,
  type ItemValues,
  itemErrorPath,
  itemFormContext,
  itemInput,
  taskAnswered,
  taskOfField,
  taskValuesFromBody,
  unstorableAnswers,
} from "./item-form";
import { RECORD_FORM, subjectHeader, subjectIdOf } from "./record-pages";

/** The server-side draft of a new record item: one per user and subject (services/drafts.ts). */
const FORM = "record_item";
type Draft = Partial<ItemValues> & { doneTasks?: ItemTask[]; attempted?: boolean };

const base = (subjectId: string) => `/subjects/${subjectId}/items/new`;

function taskOf(request: FastifyRequest): ItemTask {
  const task = (request.params as { task?: string }).task;
  const found = ITEM_TASK_KEYS.find((t) => t === task);
  if (!found) throw new NotFoundError("The page");
  return found;
}

/** Every problem `recordItemInput` finds in the draft, as the item forms name their fields. */
function draftProblems(draft: Draft) {
  const result = recordItemInput.safeParse(itemInput(draft));
  if (result.success) return [];
  return zodIssuesToFieldErrors(result.error).map((e) => ({ ...e, path: itemErrorPath(e.path) }));
}

/** The error summary for the whole draft, each link going to the task page that asks the question. */
function draftErrors(subjectId: string, problems: ReturnType<typeof draftProblems>): ErrorSummary {
  return errorSummary(problems, {
    ...RECORD_FORM,
    dateFields: ITEM_DATE_FIELDS,
    hrefFor: (_path, id, anchor) => `${base(subjectId)}/${taskOf_(id)}?return=check#${anchor}`,
  });
}
const taskOf_ = (id: string) => taskOfField(id) ?? "what-happened";

const answer = (text: string | undefined) => (text?.trim() ? text : undefined);

function dateAnswer(p: DateParts | undefined): string | undefined {
  const iso = isoFromParts(p);
  if (!iso) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : `${p?.day}/${p?.month}/${p?.year}`;
}

/** The check-your-answers rows: every question, grouped by task, with a link back to change it. */
function answerRows(subjectId: string, draft: Draft) {
  const row = (task: ItemTask, id: string, label: string, value: string | undefined, kind: "text" | "date" | "long" = "text") => ({
    id,
    label,
    value,
    kind,
    href: `${base(subjectId)}/${task}?return=check#${ITEM_DATE_FIELDS.includes(id as (typeof ITEM_DATE_FIELDS)[number]) ? `${id}-day` : id}`,
  });
  const flags = draft.flags ?? [];
  const flagLabels = itemFormContext.flagOptions.filter((f) => flags.includes(f.value)).map((f) => f.text);
  return [
    {
      task: "what-happened" as const,
      title: ITEM_TASKS["what-happened"].title,
      rows: [
        row("what-happened", "category", "Category", ITEM_CATEGORY_LABELS[draft.category as ItemCategory]),
        row("what-happened", "kind", "Fact or opinion", RECORD_ITEM_KIND_LABELS[draft.kind as RecordItemKind]),
        row("what-happened", "text", "What is being recorded", answer(draft.text), "long"),
        row("what-happened", "eventDate", "When it happened", dateAnswer(draft.eventDate), "date"),
      ],
    },
    {
      task: "where-it-came-from" as const,
      title: ITEM_TASKS["where-it-came-from"].title,
      rows: [
        row("where-it-came-from", "source-name", "Who provided the information", answer(draft.sourceName)),
        row("where-it-came-from", "source-method", "How it was obtained", SOURCE_METHOD_LABELS[draft.sourceMethod as SourceMethod]),
        row("where-it-came-from", "source-obtainedOn", "Date obtained", dateAnswer(draft.sourceObtainedOn), "date"),
      ],
    },
    {
      task: "sensitivity" as const,
      title: ITEM_TASKS.sensitivity.title,
      rows: [row("sensitivity", "flags", "Sensitivity", flagLabels.length ? flagLabels.join(", ") : "None of these")],
    },
  ];
}

/** Adding a record item: a task list over a server-side draft, then check your answers and save. */
export async function itemDraftPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  /**
   * The draft pages show who the item is about: an audited read like any other. A post that only
   * saves answers to the draft and redirects shows nothing, so it only checks the subject is the
   * organisation's.
   */
  const open = async (request: FastifyRequest, audited = true) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = audited ? await viewSubjectRow(db, actor, id, "web.subjects.items.new") : await loadSubject(db, actor, id);
    const draft = await loadDraft<Draft>(db, actor, FORM, id);
    return { actor, id, subject, draft };
  };

  const header = (subject: SubjectRow, actor: Actor) => subjectHeader(subject, actor);

  /** One task's page, showing `values`. */
  const taskPage = (task: ItemTask, subject: SubjectRow, actor: Actor, values: Draft, returnToCheck: boolean) => ({
    ...itemFormContext,
    ...header(subject, actor),
    task,
    taskTitle: ITEM_TASKS[task].title,
    values,
    returnToCheck,
  });

  app.get("/subjects/:id/items/new", async (request, reply) => {
    const { actor, id, subject, draft } = await open(request);
    const done = draft.doneTasks ?? [];
    const tasks = ITEM_TASK_KEYS.map((task) => {
      const started = done.includes(task);
      const complete = started && taskAnswered(task, draft);
      return {
        title: ITEM_TASKS[task].title,
        href: `${base(id)}/${task}`,
        status: complete ? "Completed" : started ? "Incomplete" : "Not yet started",
        complete,
        started,
      };
    });
    return reply.view("records/draft-tasks", {
      ...header(subject, actor),
      tasks,
      completed: tasks.filter((t) => t.complete).length,
      hasDraft: done.length > 0,
      readyToCheck: tasks.every((t) => t.complete),
    });
  });

  app.get("/subjects/:id/items/new/check", async (request, reply) => {
    const { actor, id, subject, draft } = await open(request);
    const summary = draft.attempted ? draftErrors(id, draftProblems(draft)) : { errors: {}, errorList: [] };
    return reply.view("records/draft-check", { ...header(subject, actor), sections: answerRows(id, draft), ...summary });
  });

  app.post("/subjects/:id/items/new/check", async (request, reply) => {
    const { actor, id, subject, draft } = await open(request);
    const acknowledged = list(bodyOf(request), "acknowledged");
    return withFormErrors(
      reply,
      async (summary) => {
        await saveDraft<Draft>(db, actor, FORM, id, { attempted: true });
        return reply.view("records/draft-check", { ...header(subject, actor), sections: answerRows(id, draft), acknowledged, ...summary });
      },
      async () => {
        const item = await recordItem(db, actor, id, { ...itemInput(draft), acknowledgedWarnings: acknowledged });
        await discardDraft(db, actor, FORM, id);
        return reply.redirect(`/subjects/${id}/items/${item.id}?outcome=recorded`, 303);
      },
      {
        ...RECORD_FORM,
        dateFields: ITEM_DATE_FIELDS,
        mapPath: itemErrorPath,
        // The acknowledgement is on this page; every other answer is on its task's page.
        hrefFor: (_path, fieldId, anchor) =>
          fieldId === "acknowledged" ? "#acknowledged" : `${base(id)}/${taskOf_(fieldId)}?return=check#${anchor}`,
      },
    );
  });

  app.post("/subjects/:id/items/new/discard", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    await loadSubject(db, actor, id);
    await discardDraft(db, actor, FORM, id);
    return reply.redirect(`/subjects/${id}/items`, 303);
  });

  app.get("/subjects/:id/items/new/:task", async (request, reply) => {
    const task = taskOf(request);
    const { actor, subject, draft } = await open(request);
    // After a save was refused, each task page shows the problems with its own answers.
    const fields = ITEM_TASKS[task].fields as readonly string[];
    const problems = draft.attempted ? draftProblems(draft).filter((p) => fields.includes(fieldId(p.path))) : [];
    return reply.view("records/draft-task", {
      // Come from "Check your answers" (a Change link or an error): go back there after saving.
      ...taskPage(task, subject, actor, { flags: [], ...draft }, queryOf(request).return === "check"),
      ...errorSummary(problems, { ...RECORD_FORM, dateFields: ITEM_DATE_FIELDS }),
    });
  });

  app.post("/subjects/:id/items/new/:task", async (request, reply) => {
    const task = taskOf(request);
    const { actor, id, subject, draft } = await open(request, false);
    const body = bodyOf(request);
    const answers = taskValuesFromBody(task, body);
    const returnToCheck = str(body, "return") === "check";
    return withFormErrors(
      reply,
      async (summary) => {
        // The one thing not saved as typed: shown again with the problem, nothing saved. The page names
        // the person, so now it is an audited read.
        await recordRead(db, actor, id, "web.subjects.items.new");
        return reply.view("records/draft-task", {
          ...taskPage(task, subject, actor, { flags: [], ...draft, ...answers }, returnToCheck),
          ...summary,
        });
      },
      async () => {
        const unstorable = unstorableAnswers(answers);
        if (unstorable.length) throw new ValidationError(unstorable);
        // Saved as typed, valid or not: nothing is lost, and the answers are checked when the item is saved.
        const doneTasks = [...new Set([...(draft.doneTasks ?? []), task])];
        await saveDraft<Draft>(db, actor, FORM, id, { ...answers, doneTasks });
        return reply.redirect(returnToCheck ? `${base(id)}/check` : base(id), 303);
      },
      { ...RECORD_FORM, dateFields: ITEM_DATE_FIELDS },
    );
  });
}
