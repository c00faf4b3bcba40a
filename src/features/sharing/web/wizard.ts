import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { type FieldError, NotFoundError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { readsRuleCodes } from "../../../platform/rules";
import { bodyOf, errorSummary, findingErrors, list, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { discardDraft, loadDraft, saveDraft } from "../../form-drafts";
import type { SubjectRow } from "../../records";
import { loadSubject, subjectHeader, subjectIdOf, viewSubjectRow } from "../../records";
import { mayDecideProtectedDetails } from "../../records/domain";
import { blocksOf, recordedWarnings, warningsByCode, warningsOf } from "../domain/evaluate-decision";
import { shareableItems } from "../services/choices";
import { completeEmergencyRecord } from "../services/complete-emergency";
import { decisionIdByKey } from "../services/decisions";
import { loadInformationRequest } from "../services/information-requests";
import { recordShareDecision } from "../services/record-decision";
import { answerFromBody, getAt, itemAnswersFromBody, setAt } from "./answers";
import { answerSections, draftItems } from "./check-answers";
import { fieldIdOf } from "./step-fields";
import { AFTER_RECIPIENT, STEPS, stepOf, stepOfPath } from "./steps";
import { assess, fieldsFor, itemRows, presentFinding, type ShareDraft, stepChoices, subjectDetailOptions } from "./wizard-context";

/**
 * The share decision wizard (docs/domain.md §4): the emergency gate, then a task list of GOV.UK question
 * pages over a server-side draft (saved at every step, so an expired session loses nothing), then
 * check your answers with every rule finding, and record. The draft holds the decision's
 * idempotency key, so two tabs submitting the same draft record one decision.
 */

const FORM = "share_decision";
const base = (id: string) => `/subjects/${id}/share`;

async function openDraft(db: Db, actor: Actor, subjectId: string): Promise<ShareDraft> {
  const draft = await loadDraft<ShareDraft>(db, actor, FORM, subjectId);
  return {
    answers: draft.answers ?? {},
    doneSteps: draft.doneSteps ?? [],
    key: draft.key ?? randomUUID(),
    attempted: draft.attempted,
    completes: draft.completes,
  };
}

/** On the items page, a problem with the Nth chosen item belongs to that item's card. */
function itemAnchor(path: string, draft: ShareDraft): string {
  const match = /^\/items\/items\/(\d+)/.exec(path);
  if (match) {
    const chosen = (getAt(draft.answers, "/items/items") as { itemId: string }[] | undefined) ?? [];
    const item = chosen[Number(match[1])];
    return item ? `/item-${item.itemId}` : "/items";
  }
  return path === "/items/items" ? "/items" : path;
}

export async function shareWizardPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const header = (subject: SubjectRow, actor: Actor) => subjectHeader(subject, actor);

  // ---- Step 0: the emergency gate ----
  app.get("/subjects/:id/share", async (request, reply) => {
    const actor = actorOf(request);
    const subject = await viewSubjectRow(db, actor, subjectIdOf(request), "web.share.gate");
    return reply.view("sharing/gate", { ...header(subject, actor), requestId: queryOf(request).request ?? "", errors: {}, errorList: [] });
  });
  app.post("/subjects/:id/share", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const body = bodyOf(request);
    const answer = str(body, "immediateRisk");
    return withFormErrors(
      reply,
      async (summary) => {
        const subject = await viewSubjectRow(db, actor, id, "web.share.gate");
        return reply.view("sharing/gate", { ...header(subject, actor), requestId: str(body, "informationRequestId"), ...summary });
      },
      async () => {
        if (answer === "yes") return reply.redirect(`${base(id)}/emergency`, 303);
        if (answer !== "no") {
          throw new ValidationError([
            { path: "/immediateRisk", message: "Select yes if there is an immediate risk to life or of serious harm" },
          ]);
        }
        await loadSubject(db, actor, id);
        const draft = await openDraft(db, actor, id);
        let answers = setAt(draft.answers, "/emergency/immediateRisk", false);
        const requestId = str(body, "informationRequestId");
        if (/^[0-9a-f-]{36}$/.test(requestId)) {
          // Answering a request: the answer goes back to whoever asked, for the purpose they gave.
          const asked = await loadInformationRequest(db, actor, requestId);
          if (asked.requestedOrganisationId === actor.organisationId && asked.status === "OPEN") {
            answers = setAt(answers, "/informationRequestId", requestId);
            answers = setAt(answers, "/recipient/organisationId", asked.requestingOrganisationId);
            answers = setAt(answers, "/purpose/code", asked.purposeCode);
            answers = setAt(answers, "/purpose/description", asked.purpose);
          }
        }
        await saveDraft<ShareDraft>(db, actor, FORM, id, { ...draft, answers });
        return reply.redirect(`${base(id)}/tasks`, 303);
      },
    );
  });

  // ---- The task list ----
  app.get("/subjects/:id/share/tasks", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.share.tasks");
    const draft = await openDraft(db, actor, id);
    const { findings, fieldErrors } = await assess(db, actor, id, draft.answers);
    const blockedSteps = new Set([...findings.filter((f) => f.severity === "block"), ...fieldErrors].map((f) => stepOfPath(f.path)));
    const tasks = STEPS.map((step) => {
      const started = draft.doneSteps.includes(step.key);
      const waiting = AFTER_RECIPIENT.includes(step.key) && !getAt(draft.answers, "/recipient/organisationId");
      const status = waiting
        ? "Cannot start yet"
        : !started
          ? "Not yet started"
          : blockedSteps.has(step.key)
            ? "Needs attention"
            : "Completed";
      return { title: step.title, href: waiting ? undefined : `${base(id)}/steps/${step.key}`, status, complete: status === "Completed" };
    });
    return reply.view("sharing/tasks", {
      ...header(subject, actor),
      completing: !!draft.completes,
      tasks,
      completed: tasks.filter((t) => t.complete).length,
      hasDraft: draft.doneSteps.length > 0,
    });
  });

  // ---- One question page ----
  const stepPage = async (request: FastifyRequest, reply: FastifyReply, subject: SubjectRow, draft: ShareDraft, errors: FieldError[]) => {
    const actor = actorOf(request);
    const key = (request.params as { step: string }).step;
    const step = stepOf(key);
    if (!step) throw new NotFoundError("The page");
    // A date's error links to its day box, the first of the three (GOV.UK).
    const dates = step.fields.filter((f) => f.kind === "date").map((f) => fieldIdOf(f.path));
    const summary = errorSummary(key === "items" ? errors.map((e) => ({ ...e, path: itemAnchor(e.path, draft) })) : errors, {
      dateFields: [...dates],
    });
    const returnToCheck = queryOf(request).return === "check" || str(bodyOf(request), "return") === "check";
    const context = { ...header(subject, actor), step, returnToCheck, ...summary };
    if (key === "items") {
      const shareable = await shareableItems(db, actor, subject.id);
      return reply.view("sharing/items", {
        ...context,
        items: itemRows(shareable, draft.answers, mayDecideProtectedDetails(actor.roles)),
        hasProtectedAddress: shareable.hasProtectedAddress,
        mayDecideProtected: mayDecideProtectedDetails(actor.roles),
        subjectDetailItems: subjectDetailOptions.map((o) => ({
          ...o,
          checked: ((getAt(draft.answers, "/items/subjectDetails") as string[] | undefined) ?? []).includes(o.value),
        })),
        protectedAddressReason: getAt(draft.answers, "/items/protectedAddressReason") ?? "",
        itemException: getAt(draft.answers, "/items/itemException") ?? "",
      });
    }
    const choices = await stepChoices(db, actor, subject.id, draft.answers);
    return reply.view("sharing/step", { ...context, fields: fieldsFor(step, draft.answers, choices, summary.errors) });
  };

  app.get("/subjects/:id/share/steps/:step", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.share.step");
    const draft = await openDraft(db, actor, id);
    const key = (request.params as { step: string }).step;
    // After a refused attempt, each page shows the problems with its own answers.
    const problems = draft.attempted ? await assess(db, actor, id, draft.answers) : { findings: [], fieldErrors: [] };
    const mine = [...problems.fieldErrors, ...findingErrors(blocksOf(problems.findings))].filter((e) => stepOfPath(e.path) === key);
    return stepPage(request, reply, subject, draft, mine);
  });

  app.post("/subjects/:id/share/steps/:step", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const key = (request.params as { step: string }).step;
    const step = stepOf(key);
    if (!step) throw new NotFoundError("The page");
    await loadSubject(db, actor, id);
    const draft = await openDraft(db, actor, id);
    const body = bodyOf(request);
    let answers = draft.answers;
    if (key === "items") {
      const shareable = await shareableItems(db, actor, id);
      const items = itemAnswersFromBody(
        shareable.items.map((r) => r.item.id),
        body,
      );
      for (const [name, value] of Object.entries(items)) answers = setAt(answers, `/items/${name}`, value);
    } else {
      for (const field of step.fields) answers = setAt(answers, field.path, answerFromBody(field, body));
    }
    let doneSteps = [...new Set([...draft.doneSteps, key])];
    // A new recipient organisation: the person named at the old one, and an agreement chosen for the old
    // pair, cannot be kept; their pages are to be answered again.
    if (key === "recipient" && getAt(answers, "/recipient/organisationId") !== getAt(draft.answers, "/recipient/organisationId")) {
      answers = setAt(setAt(answers, "/recipient/userId", undefined), "/recipient/agreementId", undefined);
      doneSteps = doneSteps.filter((done) => !AFTER_RECIPIENT.includes(done));
    }
    await saveDraft<ShareDraft>(db, actor, FORM, id, { ...draft, answers, doneSteps });
    return reply.redirect(str(body, "return") === "check" ? `${base(id)}/check` : `${base(id)}/tasks`, 303);
  });

  // ---- Check your answers, and record ----
  const checkPage = async (request: FastifyRequest, reply: FastifyReply, draft: ShareDraft, refused?: FieldError[]) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.share.check");
    const [{ findings, fieldErrors }, choices, shareable] = await Promise.all([
      assess(db, actor, id, draft.answers),
      stepChoices(db, actor, id, draft.answers),
      shareableItems(db, actor, id),
    ]);
    const shown = refused ?? (draft.attempted ? [...fieldErrors, ...findingErrors(blocksOf(findings))] : []);
    const acknowledged = (getAt(draft.answers, "/acknowledgedWarnings") as string[] | undefined) ?? [];
    return reply.view("sharing/check", {
      ...header(subject, actor),
      showsRuleCodes: readsRuleCodes(actor.roles),
      completing: !!draft.completes,
      sections: answerSections(id, draft.answers, choices, draftItems(shareable, mayDecideProtectedDetails(actor.roles))),
      blocks: blocksOf(findings).map((f) => presentFinding(id, f)),
      // One box per rule code, every reason under it: a code is what the decider acknowledges.
      warnings: warningsByCode(recordedWarnings(warningsOf(findings), acknowledged)).map((g) => ({
        ...presentFinding(id, g.warnings[0]!),
        messages: g.warnings.map((w) => w.message),
        acknowledged: g.acknowledged,
      })),
      answerProblems: fieldErrors.length,
      key: draft.key,
      ...errorSummary(shown, {
        hrefFor: (path) => (path === "/acknowledged" ? "#acknowledged" : `${base(id)}/steps/${stepOfPath(path)}?return=check`),
      }),
    });
  };

  app.get("/subjects/:id/share/check", async (request, reply) => {
    const actor = actorOf(request);
    return checkPage(request, reply, await openDraft(db, actor, subjectIdOf(request)));
  });

  app.post("/subjects/:id/share/check", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    await loadSubject(db, actor, id);
    const draft = await openDraft(db, actor, id);
    // A second tab submitting after the first recorded the decision: the draft is gone, its key is not.
    const postedKey = str(bodyOf(request), "key");
    if (draft.doneSteps.length === 0 && postedKey) {
      const recorded = await decisionIdByKey(db, actor, postedKey);
      if (recorded) return reply.redirect(`/share-decisions/${recorded}`, 303);
    }
    const acknowledgedWarnings = list(bodyOf(request), "acknowledged");
    const answers = setAt(draft.answers, "/acknowledgedWarnings", acknowledgedWarnings);
    return withFormErrors(
      reply,
      async (_summary, refusal) => {
        const saved = { ...draft, answers, attempted: true };
        await saveDraft<ShareDraft>(db, actor, FORM, id, saved);
        return checkPage(request, reply, saved, refusal.fieldErrors);
      },
      async () => {
        if (draft.completes) {
          await completeEmergencyRecord(db, actor, draft.completes, { ...answers, subjectId: id });
          await discardDraft(db, actor, FORM, id);
          return reply.redirect(`/share-decisions/${draft.completes}?outcome=completed`, 303);
        }
        const { detail } = await recordShareDecision(db, actor, { ...answers, subjectId: id }, draft.key);
        await discardDraft(db, actor, FORM, id);
        return reply.redirect(`/share-decisions/${detail.id}?outcome=recorded`, 303);
      },
      // What was wrong with the answers comes back on the check page (an unacknowledged warning is put
      // right there, by ticking its box). A conflict (the key reused with other answers) is not the answers' fault.
      { conflictsAreErrors: true },
    );
  });

  app.post("/subjects/:id/share/discard", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    await loadSubject(db, actor, id);
    await discardDraft(db, actor, FORM, id);
    return reply.redirect(`/subjects/${id}`, 303);
  });
}
