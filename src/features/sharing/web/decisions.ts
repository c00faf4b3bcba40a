import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { ukDate, ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { ALL_SHARE_RULES, readsRuleCodes, type ShareRuleCode } from "../../../platform/rules";
import { bodyOf, idParam, optionsOf, queryOf, withFormErrors } from "../../../platform/web-kit/forms";
import { PURPOSE_CODES, PURPOSE_LABELS } from "../../agreements/domain";

import { mayDecideProtectedDetails } from "../../records/domain";
import { levelsOfNeed } from "../../settings";
import { type DisclosureState, disclosureState, mayRevokeDisclosure, revocationProblem } from "../domain/disclosure-access";
import { personForViewer } from "../domain/disclosure-snapshot";
import { warningsByCode } from "../domain/evaluate-decision";
import { SHARING_MESSAGES } from "../domain/messages";
import { DECISION_STATUS_LABELS, emergencyRecordOverdue } from "../domain/records";
import { OUTCOME_LABELS } from "../domain/vocabulary";
import { type Chase, loadChases } from "../services/chase";
import { itemsChosen, loadConcernCited, otherMembers } from "../services/choices";
import { decisionTitle } from "../services/decision-title";
import { type DecisionDetail, decisionReference, viewDecision, viewDecisions } from "../services/decisions";
import { loadQuestions } from "../services/disclosure-questions";
import { revokeDisclosure, viewSent } from "../services/disclosures";
import { renderDecisionRecordPdf } from "../services/render-record-pdf";
import type { Answers } from "./answers";
import { answerSections, recordedItems } from "./check-answers";
import { concernChoice } from "./concern-choice";
import { decisionActionPages } from "./decision-actions";
import { questionPages, questionRows } from "./questions";
import { personRows, protectedNotes, purposeNote } from "./what-went";

/** The organisation's share decisions: the list, one decision's full record, and withdrawing a disclosure's access. */

const OUTCOMES: Record<string, string> = {
  recorded: "Decision recorded.",
  completed: "The full record of this emergency share is complete.",
  approved: "Approved: the information has been sent.",
  returned: "Returned to the practitioner with your comments. Nothing was sent.",
  added: "Added to the record of this decision.",
  emergency: "Shared. The full record of this decision is now due: complete it before the deadline shown.",
  revoked: "Access withdrawn: the recipient can no longer open it.",
  answered: "Answer sent: the recipient can read it with what you shared.",
};

const DISCLOSURE_STATE_TAGS: Record<DisclosureState, string> = {
  SENT: "govuk-tag--blue",
  OPENED: "govuk-tag--light-blue",
  ACKNOWLEDGED: "govuk-tag--green",
  REVOKED: "govuk-tag--red",
  EXPIRED: "govuk-tag--grey",
  DISPOSED: "govuk-tag--grey",
};

/**
 * How long the recipient keeps its copy, as the sender reads it: until the agreement's retention term
 * ends, or as the recipient's own schedule says where the agreement set none; once the recipient has
 * disposed of it, the date it did.
 */
function copyRetention(d: { retainUntil: string | null; disposedAt: Date | null }): { label: string; value: string } {
  if (d.disposedAt) return { label: "Recipient disposed of its copy on", value: ukDate(d.disposedAt) };
  return {
    label: "Recipient keeps its copy until",
    value: d.retainUntil ? `${ukDate(d.retainUntil)}, by the agreement's retention term` : "As the recipient's retention schedule says",
  };
}

/** A disclosure's state as a GOV.UK tag: its words from the catalogue, its colour. */
export const disclosureStateTag = (state: DisclosureState) => ({
  text: SHARING_MESSAGES.en.disclosureState[state],
  classes: DISCLOSURE_STATE_TAGS[state],
});

const withNote = (text: string, note: string) => (note ? `${text} (${note})` : text);

const decisionId = (request: Parameters<typeof idParam>[0]) => idParam(request, "id", "The share decision");

/**
 * A decision's answers, labelled as the wizard labelled them; names for what was chosen, not ids. What
 * was taken out of each item is what the record says, shown as this viewer may read it.
 */
async function recordSections(db: Db, actor: Actor, d: DecisionDetail) {
  const concernId = d.record.purpose.concernId;
  const [members, levels, concern, items] = await Promise.all([
    otherMembers(db, actor),
    levelsOfNeed(db),
    concernId ? loadConcernCited(db, actor, concernId) : null,
    itemsChosen(
      db,
      actor,
      d.subjectId,
      (d.record.items.items ?? []).map((c) => c.itemId),
    ),
  ]);
  const choices = {
    levels: levels.map((l) => ({ value: l.code, text: l.label })),
    // The concern it was about, open or closed since; one this viewer cannot see is still not shown by its id.
    concerns: concernId ? [concern ? concernChoice(concern) : { value: concernId, text: "A concern recorded by the sender" }] : [],
    organisations: members.map((m) => ({ value: m.id, text: m.name })),
    // The agreement the decision cites, at the version it cited: what is in force today does not matter to the record.
    agreements:
      d.agreementId && d.agreementReference
        ? [{ value: d.agreementId, text: `${d.agreementReference} version ${d.agreementVersion}` }]
        : [],
    purposes: optionsOf(PURPOSE_CODES, PURPOSE_LABELS),
    recipientPeople: d.recipientUserId ? [{ value: d.recipientUserId, text: d.recipientUserName ?? "" }] : [],
  };
  return answerSections(d.subjectId, d.record as unknown as Answers, choices, recordedItems(items, mayDecideProtectedDetails(actor.roles)));
}

/**
 * Who the decision is about sharing with, worded by what happened: only a delivered share says
 * "Sent to"; a decision not to share, or one not yet approved, sent nothing.
 */
function recipientRow(d: DecisionDetail): { label: string; value: string } {
  const names = [d.recipientName, d.recipientUserName].filter(Boolean).join(", ");
  if (d.outcome === "DO_NOT_SHARE") return { label: "Not shared with", value: names || "No one named" };
  return { label: d.disclosure ? "Sent to" : "Proposed recipient", value: names || "No one" };
}

export async function decisionPages(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }): Promise<void> {
  app.get("/share-decisions", async (request, reply) => {
    const actor = actorOf(request);
    const now = new Date();
    const rows = await viewDecisions(db, actor, {}, "web.share_decisions.list", 100, now);
    return reply.view("sharing/decisions", {
      decisions: rows.map((d) => ({
        href: `/share-decisions/${d.id}`,
        reference: decisionReference(d.number),
        title: decisionTitle(d, d.recipientName ?? undefined),
        subject: d.subjectName,
        outcome: OUTCOME_LABELS[d.outcome],
        status: DECISION_STATUS_LABELS[d.status],
        emergencyDue: d.emergency && !d.fullRecordCompletedAt ? d.fullRecordDueAt : null,
        emergencyOverdue: emergencyRecordOverdue(d, now),
        decidedBy: d.decidedByName,
        decidedAt: d.decidedAt,
      })),
    });
  });

  const decisionPage = async (actor: Actor, id: string, extra: Record<string, unknown> = {}) => {
    const d = await viewDecision(db, actor, id, "web.share_decisions.view");
    const [sent, chases] = d.disclosure
      ? await Promise.all([viewSent(db, actor, d.disclosure.id, "web.disclosures.sent"), loadChases(db, actor, [d.disclosure.id])])
      : [null, new Map()];
    const questions = d.disclosure ? await loadQuestions(db, actor, d.disclosure.id, "sender") : [];
    // What went about the person, as this viewer may see it: a protected address only for those who decide about them.
    const person = sent ? personForViewer(sent.disclosure.subject, mayDecideProtectedDetails(actor.roles)) : null;
    const notes = protectedNotes(d.record);
    const now = new Date();
    const state = d.disclosure ? disclosureState(d.disclosure, now) : null;
    // Offered exactly when the service would allow it: the same two rules.
    const mayRevoke = !!d.disclosure && mayRevokeDisclosure(actor, d.decidedByUserId) && revocationProblem(d.disclosure, now) === null;
    return {
      decision: {
        id: d.id,
        reference: decisionReference(d.number),
        title: decisionTitle(d, d.recipientName ?? undefined),
        subjectId: d.subjectId,
        subjectName: d.subjectName,
        outcome: OUTCOME_LABELS[d.outcome],
        status: DECISION_STATUS_LABELS[d.status],
        emergency: d.emergency,
        fullRecordDueAt: d.fullRecordDueAt,
        fullRecordCompletedAt: d.fullRecordCompletedAt,
        fullRecordOverdue: emergencyRecordOverdue(d, now),
        recipient: recipientRow(d),
        answersRequest: d.answersRequest && {
          href: `/information-requests/${d.answersRequest.id}`,
          text: `${d.answersRequest.reference} from ${d.answersRequest.requestingName}, asked by ${d.answersRequest.askedBy}`,
        },
        agreement: d.agreementReference
          ? `${d.agreementReference} version ${d.agreementVersion}${d.parentAgreementVersion ? ` (with its tier 1 agreement at version ${d.parentAgreementVersion})` : ""}`
          : null,
        agreementHref: d.agreementId ? `/agreements/${d.agreementId}` : null,
        decidedBy: d.decidedByName,
        decidedAt: d.decidedAt,
        retentionReviewOn: d.retentionReviewOn,
        warnings: d.findings.map((f) => ({ message: f.message, acknowledged: f.acknowledged })),
        // For the leads' details panel: each rule once, acknowledged as one (the check page's one box per code).
        warningRules: warningsByCode(d.findings).map((g) => ({
          code: g.code,
          rule: ALL_SHARE_RULES[g.code as ShareRuleCode] ?? "",
          acknowledged: g.acknowledged,
        })),
        reasons: d.record.decision.reasons ?? d.record.emergency.reason ?? "",
      },
      disclosure: d.disclosure && {
        id: d.disclosure.id,
        state: disclosureStateTag(state!),
        sentAt: d.disclosure.sentAt,
        expiresAt: d.disclosure.expiresAt,
        firstOpenedAt: d.disclosure.firstOpenedAt,
        acknowledgedAt: d.disclosure.acknowledgedAt,
        acknowledgedBy: d.disclosure.acknowledgedByName,
        // Each time the sender chased the recipient for an acknowledgement ("Chase" on the home page).
        chases: (chases.get(d.disclosure.id) ?? []).map((c: Chase) => ({ by: c.chasedByName, at: c.chasedAt })),
        revokedAt: d.disclosure.revokedAt,
        revokeReason: d.disclosure.revokeReason,
        // The recipient's copy under its retention (issue 21): until when the agreement's term keeps it, and when it was disposed of.
        retention: copyRetention(d.disclosure),
        onward: d.disclosure.onwardDisclosure,
        purpose: sent ? { text: sent.disclosure.purpose, protectedNote: purposeNote(d.record) } : null,
        items: (sent?.items ?? []).map((item, i) => ({ ...item, protectedNote: notes[i] ?? "" })),
        person: person && { name: person.name, rows: personRows(person, d.record) },
      },
      sections: await recordSections(db, actor, d),
      mayRevoke,
      // An IG lead raises a breach from what was sent (the breach register's form withdraws access as it records it).
      mayReportBreach: !!d.disclosure && actor.roles.includes("ig_lead"),
      questions: questionRows(questions),
      answerValues: {},
      // Rule codes are for those who advise on and audit decisions; everyone reads the reasons.
      showsRuleCodes: readsRuleCodes(actor.roles),
      mayApprove: d.status === "AWAITING_APPROVAL" && actor.roles.includes("safeguarding_lead") && d.decidedByUserId !== actor.userId,
      mayComplete:
        d.emergency && !d.fullRecordCompletedAt && (d.decidedByUserId === actor.userId || actor.roles.includes("safeguarding_lead")),
      mayDecideAgain: d.status === "RETURNED",
      approval: d.approvedAt ? { at: d.approvedAt, comments: d.approvalComments, returned: d.status === "RETURNED" } : null,
      addenda: d.addenda.map((a) => ({ kind: a.kind, text: a.text, by: a.addedByName, at: a.addedAt })),
      values: { reason: "", comments: "", text: "", kind: "" },
      errors: {},
      errorList: [],
      ...extra,
    };
  };

  app.get("/share-decisions/:id", async (request, reply) => {
    const actor = actorOf(request);
    const outcome = OUTCOMES[queryOf(request).outcome ?? ""];
    return reply.view("sharing/decision", { ...(await decisionPage(actor, decisionId(request))), outcome });
  });
  app.get("/share-decisions/:id/record.pdf", async (request, reply) => {
    const actor = actorOf(request);
    const page = await decisionPage(actor, decisionId(request));
    const { decision, disclosure } = page;
    const overview = {
      title: "The decision",
      rows: [
        { label: "Decision", value: decision.outcome },
        { label: "About", value: decision.subjectName },
        { label: "Status", value: decision.status },
        { label: "Reasons", value: decision.reasons },
        ...(decision.answersRequest ? [{ label: "Answers request", value: decision.answersRequest.text }] : []),
        decision.recipient,
        { label: "Agreement", value: decision.agreement ?? "None: a one-off share" },
        {
          label: "Decided by",
          value: `${decision.decidedBy}, ${ukDateTime(decision.decidedAt)}`,
        },
        { label: "Kept until it is reviewed on", value: ukDate(decision.retentionReviewOn) },
        ...(decision.emergency
          ? [
              {
                label: "Emergency share",
                value: decision.fullRecordCompletedAt
                  ? "Full record completed"
                  : `${decision.fullRecordOverdue ? "Full record overdue: it was due by" : "Full record due by"} ${ukDateTime(decision.fullRecordDueAt!)}`,
              },
            ]
          : []),
      ],
    };
    const warnings = {
      title: "Warnings when it was recorded",
      rows: decision.warnings.map((w) => ({ label: w.acknowledged ? "Acknowledged" : "Not acknowledged", value: w.message })),
    };
    const sent = disclosure
      ? {
          title: "What was sent",
          rows: [
            { label: "State", value: disclosure.state.text },
            { label: disclosure.retention.label, value: disclosure.retention.value },
            ...(disclosure.purpose
              ? [{ label: "Purpose, as they were told it", value: withNote(disclosure.purpose.text, disclosure.purpose.protectedNote) }]
              : []),
            ...disclosure.items.map((i) => ({
              label: `${i.kind === "OPINION" ? "Opinion" : "Fact"}, ${ukDate(i.eventDate)}${i.redacted ? ", redacted" : ""}`,
              value: withNote(i.text, i.protectedNote),
            })),
          ],
        }
      : null;
    const about = disclosure?.person ? { title: `What was sent about ${disclosure.person.name}`, rows: disclosure.person.rows } : null;
    const addenda = { title: "Added since", rows: page.addenda.map((a) => ({ label: `${a.kind}, ${a.by}`, value: a.text })) };
    const questions = {
      title: "Questions from the recipient",
      rows: page.questions.map((q) => ({
        label: `${q.askedBy}, ${ukDateTime(q.askedAt)}`,
        value: `${q.question}\n${q.answer ? `Answered by ${q.answer.by}, ${ukDateTime(q.answer.at)}: ${q.answer.text}` : "Not answered yet"}`,
      })),
    };
    const pdf = await renderDecisionRecordPdf({
      reference: decision.reference,
      title: decision.title,
      organisationName: actor.organisationName,
      generatedAt: new Date(),
      generatedBy: actor.name,
      link: `${publicUrl}/share-decisions/${decision.id}`,
      sections: [
        overview,
        ...(warnings.rows.length ? [warnings] : []),
        ...(sent ? [sent] : []),
        ...(about ? [about] : []),
        ...page.sections,
        ...(addenda.rows.length ? [addenda] : []),
        ...(questions.rows.length ? [questions] : []),
      ],
    });
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${decision.reference}.pdf"`).send(pdf);
  });
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown>) =>
    reply.view("sharing/decision", await decisionPage(actorOf(request), id, extra));
  await app.register(decisionActionPages, { db, render });
  await app.register(questionPages, { db, render });

  app.post("/share-decisions/:id/revoke", async (request, reply) => {
    const actor = actorOf(request);
    const id = decisionId(request);
    const d = await viewDecision(db, actor, id, "web.share_decisions.revoke");
    const reason = String(bodyOf(request).reason ?? "");
    return withFormErrors(
      reply,
      async (summary) => reply.view("sharing/decision", await decisionPage(actor, id, { values: { reason }, ...summary })),
      async () => {
        if (!d.disclosure) throw new NotFoundError("The information shared");
        await revokeDisclosure(db, actor, d.disclosure.id, { reason });
        return reply.redirect(`/share-decisions/${id}?outcome=revoked`, 303);
      },
      { orAt: { path: "/reason", message: "Check the reason" } },
    );
  });
}
