import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { type FieldError, NotFoundError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { message } from "../../../platform/messages";
import { readsRuleCodes } from "../../../platform/rules";
import { bodyOf, errorSummary, findingErrors, list, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { discardDraft, loadDraft, saveDraft } from "../../form-drafts";
import type { SubjectRow } from "../../records";
import { loadSubject, subjectHeader, subjectIdOf, viewSubjectRow } from "../../records";
import { mayDecideProtectedDetails } from "../../records/domain";
import { isId } from "../domain/decision-input";
import { blocksOf, recordedWarnings, warningsByCode, warningsOf } from "../domain/evaluate-decision";
import { SHARING_MESSAGES } from "../domain/messages";
import { type AgreementForShare, loadAgreementForShare } from "../services/agreement-terms";
import { shareableItems } from "../services/choices";
import { completeEmergencyRecord } from "../services/complete-emergency";
import { decisionIdByKey } from "../services/decisions";
import { loadInformationRequest } from "../services/information-requests";
import { recordShareDecision } from "../services/record-decision";
import { type Answers, answerFromBody, getAt, itemAnswersFromBody, notIdErrors, setAt } from "./answers";
import { answerSections, draftItems } from "./check-answers";
import { agreementSentence, basisRows, prefillFromAgreement, withoutLegalBasis } from "./legal-basis";
import { fieldIdOf } from "./step-fields";
import { applicableAnswers, fieldApplies, sequenceOf, stepApplies, stepOf, stepOfPath, underAgreement } from "./steps";
import {
  anchorOf,
  assess,
  chooseAgreement,
  fieldsFor,
  itemRows,
  presentFinding,
  type ShareDraft,
  stepChoices,
  subjectDetailOptions,
} from "./wizard-context";

/**
 * The share decision wizard (docs/domain.md §4): the emergency gate, then GOV.UK question pages in
 * turn, only those that apply to the decision (steps.ts), over a server-side draft (saved at every
 * step, so an expired session loses nothing), then check your answers with every rule finding, and
 * record. Under an agreement the legal basis comes from its terms, confirmed on one page
 * (legal-basis.ts). The draft holds the decision's idempotency key, so two tabs submitting the same
 * draft record one decision.
 */

const FORM = "share_decision";
const base = (id: string) => `/subjects/${id}/share`;

async function openDraft(db: Db, actor: Actor, subjectId: string): Promise<ShareDraft> {
  const draft = await loadDraft<ShareDraft>(db, actor, FORM, subjectId);
  return {
    answers: draft.answers ?? {},
    doneSteps: draft.doneSteps ?? [],
    asksAgreement: draft.asksAgreement ?? false,
    key: draft.key ?? randomUUID(),
    attempted: draft.attempted,
    completes: draft.completes,
  };
}

/** The agreement the answers cite, with its terms for this share; null for a one-off share. */
async function citedAgreement(db: Db, actor: Actor, answers: Answers): Promise<AgreementForShare | null> {
  const agreementId = getAt(answers, "/recipient/agreementId");
  const recipientId = getAt(answers, "/recipient/organisationId");
  if (typeof agreementId !== "string" || typeof recipientId !== "string") return null;
  return loadAgreementForShare(db, actor, agreementId, recipientId);
}

/**
 * The draft put right when its legal basis was confirmed under an agreement version no longer in force
 * (the agreement was amended while the draft waited): the old terms are taken off and their page asked
 * again, so the practitioner confirms the terms in force rather than meeting a refusal when recording.
 * Null when there is nothing to put right (no agreement, no version in force to confirm, or the same one).
 */
async function renewedForAgreement(db: Db, actor: Actor, subjectId: string, draft: ShareDraft): Promise<ShareDraft | null> {
  const cited = getAt(draft.answers, "/recipient/agreementVersion");
  if (cited === undefined || !stepApplies("legal-basis", draft.answers)) return null;
  const agreement = await citedAgreement(db, actor, draft.answers);
  if (!agreement || agreement.version === cited) return null;
  const renewed: ShareDraft = {
    ...draft,
    answers: withoutLegalBasis(draft.answers),
    doneSteps: draft.doneSteps.filter((done) => done !== "legal-basis"),
  };
  await saveDraft<ShareDraft>(db, actor, FORM, subjectId, renewed);
  return renewed;
}
const AGREEMENT_CHANGED = "steps/legal-basis?agreement=changed";

/** Where to go after a step: the next one that applies, or check your answers after the last. */
function nextAfter(draft: ShareDraft, key: string): string {
  const sequence = sequenceOf(draft.answers, !!draft.asksAgreement);
  const at = sequence.indexOf(key);
  const next = at === -1 ? sequence.find((k) => !draft.doneSteps.includes(k)) : sequence[at + 1];
  return next ? `steps/${next}` : "check";
}

/** The page before a step (the back link at the top): the step before it in turn, or the emergency question before the first. */
function backFrom(draft: ShareDraft, key: string, returnToCheck: boolean): string {
  if (returnToCheck) return "check";
  if (key === "change-basis") return "steps/legal-basis";
  const sequence = sequenceOf(draft.answers, !!draft.asksAgreement);
  const at = sequence.indexOf(key);
  if (at === -1) return "check";
  return at === 0 ? "" : `steps/${sequence[at - 1]}`;
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
        if (isId(requestId)) {
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

  // ---- Where to carry on: the first step that applies and is not answered yet ----
  app.get("/subjects/:id/share/tasks", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    await loadSubject(db, actor, id);
    const draft = await openDraft(db, actor, id);
    if (await renewedForAgreement(db, actor, id, draft)) return reply.redirect(`${base(id)}/${AGREEMENT_CHANGED}`, 303);
    const next = sequenceOf(draft.answers, !!draft.asksAgreement).find((k) => !draft.doneSteps.includes(k));
    return reply.redirect(`${base(id)}/${next ? `steps/${next}` : "check"}`, 303);
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
      // The consent question answers two paths: a problem with either links to it.
      hrefFor: (path, id, anchor) => `#${anchorOf(path) === id ? anchor : anchorOf(path)}`,
    });
    const returnToCheck = queryOf(request).return === "check" || str(bodyOf(request), "return") === "check";
    const back = backFrom(draft, key, returnToCheck);
    const context = {
      ...header(subject, actor),
      step,
      returnToCheck,
      backHref: `${base(subject.id)}${back ? `/${back}` : ""}`,
      ...summary,
    };
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
        underAgreement: underAgreement(draft.answers),
      });
    }
    const agreement = await citedAgreement(db, actor, draft.answers);
    if (key === "legal-basis") {
      if (!agreement) return reply.redirect(`${base(subject.id)}/steps/article6`, 303);
      const shown = prefillFromAgreement(draft.answers, agreement);
      return reply.view("sharing/legal-basis", {
        ...context,
        agreement: { title: agreement.title, reference: agreement.reference, version: agreement.version },
        sentence: agreementSentence(agreement, shown),
        changed:
          queryOf(request).agreement === "changed"
            ? message(SHARING_MESSAGES.en, "agreementSummary.changed", { agreement: agreement.title, version: agreement.version })
            : null,
        rows: basisRows(shown),
        changeHref: `${base(subject.id)}/steps/change-basis`,
        oneOffHref: `${base(subject.id)}/steps/agreement`,
      });
    }
    // The change page starts from the agreement's terms, so changing one part does not mean answering them all.
    const answers = key === "change-basis" && agreement ? prefillFromAgreement(draft.answers, agreement) : draft.answers;
    // A share under the agreement may have only the purposes it lists; a decision not to share is not bound by it.
    const binding = stepApplies("legal-basis", answers) ? agreement : null;
    const choices = await stepChoices(db, actor, subject.id, answers, binding);
    return reply.view("sharing/step", {
      ...context,
      fields: fieldsFor(step, answers, choices, summary.errors),
      agreementTitle: binding?.title,
    });
  };

  app.get("/subjects/:id/share/steps/:step", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.share.step");
    const draft = await openDraft(db, actor, id);
    const key = (request.params as { step: string }).step;
    // After a refused attempt, each page shows the problems with its own answers.
    const problems = draft.attempted ? await assess(db, actor, id, draft.answers) : { findings: [], fieldErrors: [] };
    const mine = [...problems.fieldErrors, ...findingErrors(blocksOf(problems.findings))].filter(
      (e) => stepOfPath(e.path, draft.answers) === key,
    );
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
    let asksAgreement = !!draft.asksAgreement;
    if (key === "items") {
      const shareable = await shareableItems(db, actor, id);
      const items = itemAnswersFromBody(
        shareable.items.map((r) => r.item.id),
        body,
      );
      for (const [name, value] of Object.entries(items)) answers = setAt(answers, `/items/${name}`, value);
    } else if (key === "legal-basis") {
      // Confirming the agreement's terms: they become the answers (a part the practitioner changed stays changed).
      const agreement = await citedAgreement(db, actor, answers);
      if (agreement) answers = prefillFromAgreement(answers, agreement);
    } else {
      for (const field of step.fields) {
        const value = answerFromBody(field, body);
        answers = field.codec ? field.codec.write(answers, value as string | undefined) : setAt(answers, field.path, value);
      }
      // A follow-up whose answer no longer asks it keeps nothing ("why not" once they have been told).
      for (const field of step.fields)
        if (field.revealedBy && !fieldApplies(field, answers)) answers = setAt(answers, field.path, undefined);
      const notIds = notIdErrors(step, answers);
      if (notIds.length) {
        // Shown again as answered, with the error, and not saved: the draft keeps opening on every page.
        const subject = await viewSubjectRow(db, actor, id, "web.share.step");
        reply.status(400);
        return stepPage(request, reply, subject, { ...draft, answers }, notIds);
      }
    }
    let doneSteps = [...new Set([...draft.doneSteps, key])];
    const recipientId = getAt(answers, "/recipient/organisationId");
    if (key === "recipient" && recipientId !== getAt(draft.answers, "/recipient/organisationId")) {
      // A new recipient organisation: the person named at the old one, and the agreement (and the legal basis
      // taken from it) chosen for the old pair, cannot be kept. The agreements in force between the two decide
      // what comes next: one is chosen for you, several are offered, none means a one-off share.
      answers = withoutLegalBasis(setAt(answers, "/recipient/userId", undefined));
      doneSteps = doneSteps.filter((done) => !["agreement", "recipient-person", "legal-basis", "purpose"].includes(done));
      ({ answers, asksAgreement } = await chooseAgreement(db, actor, answers));
    }
    if (key === "agreement" && getAt(answers, "/recipient/agreementId") !== getAt(draft.answers, "/recipient/agreementId")) {
      answers = withoutLegalBasis(answers);
      doneSteps = doneSteps.filter((done) => done !== "legal-basis");
      asksAgreement = true;
    }
    if (key === "purpose" && !getAt(answers, "/purpose/description")) {
      // Under an agreement, a purpose left undescribed is described in the agreement's words for it.
      const agreement = await citedAgreement(db, actor, answers);
      const listed = agreement?.terms.purposes.find((p) => p.code === getAt(answers, "/purpose/code"));
      if (listed?.description) answers = setAt(answers, "/purpose/description", listed.description);
    }
    const saved: ShareDraft = { ...draft, answers, doneSteps, asksAgreement };
    await saveDraft<ShareDraft>(db, actor, FORM, id, saved);
    if (key === "change-basis")
      return reply.redirect(`${base(id)}/${str(body, "return") === "check" ? "check" : "steps/legal-basis"}`, 303);
    return reply.redirect(`${base(id)}/${str(body, "return") === "check" ? "check" : nextAfter(saved, key)}`, 303);
  });

  // ---- Check your answers, and record ----
  const checkPage = async (request: FastifyRequest, reply: FastifyReply, draft: ShareDraft, refused?: FieldError[]) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.share.check");
    const [{ findings, fieldErrors }, choices, shareable] = await Promise.all([
      assess(db, actor, id, applicableAnswers(draft.answers)),
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
      backHref: `${base(id)}/${sequenceOf(draft.answers, !!draft.asksAgreement).at(-1) ? `steps/${sequenceOf(draft.answers, !!draft.asksAgreement).at(-1)}` : ""}`,
      blocks: blocksOf(findings).map((f) => presentFinding(id, draft.answers, f)),
      // One box per rule code, every reason under it: a code is what the decider acknowledges.
      warnings: warningsByCode(recordedWarnings(warningsOf(findings), acknowledged)).map((g) => ({
        ...presentFinding(id, draft.answers, g.warnings[0]!),
        messages: g.warnings.map((w) => w.message),
        acknowledged: g.acknowledged,
      })),
      answerProblems: fieldErrors.length,
      key: draft.key,
      ...errorSummary(shown, {
        hrefFor: (path) =>
          path === "/acknowledged"
            ? "#acknowledged"
            : `${base(id)}/steps/${stepOfPath(path, draft.answers)}?return=check#${anchorOf(path)}`,
      }),
    });
  };

  app.get("/subjects/:id/share/check", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    await loadSubject(db, actor, id);
    const draft = await openDraft(db, actor, id);
    if (await renewedForAgreement(db, actor, id, draft)) return reply.redirect(`${base(id)}/${AGREEMENT_CHANGED}`, 303);
    return checkPage(request, reply, draft);
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
    if (await renewedForAgreement(db, actor, id, draft)) return reply.redirect(`${base(id)}/${AGREEMENT_CHANGED}`, 303);
    const acknowledgedWarnings = list(bodyOf(request), "acknowledged");
    // Only what applies is recorded: the answers to questions this decision did not ask are not kept.
    const answers = setAt(applicableAnswers(draft.answers), "/acknowledgedWarnings", acknowledgedWarnings);
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
