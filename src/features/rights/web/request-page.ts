import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { datePartsFrom, isoFromParts, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, type FormBody, idParam, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { purposeLabel } from "../../agreements/domain";
import { fullName, searchSubjects } from "../../records";
import { ITEM_CATEGORY_LABELS, RECORD_ITEM_KIND_LABELS } from "../../records/domain";
import { sharingSettings } from "../../settings";
import { draftProblem, isDraft, itemsAndRecords, unreviewedSentence } from "../domain/review";
import { TRANSITIONS } from "../domain/transitions";
import {
  EXEMPTION_LABELS,
  NOTICE_KIND_LABELS,
  REQUESTER_RELATIONSHIP_LABELS,
  RESPONSE_OUTCOMES,
  RIGHTS_STATE_LABELS,
  RIGHTS_TYPE_LABELS,
} from "../domain/vocabulary";
import { attachSubject } from "../services/attach-subject";
import { heldBack } from "../services/compile-access-pack";
import { loadItemActions } from "../services/load-item-actions";
import { loadRightsRequest, type RightsRequestView } from "../services/load-requests";
import { packContents } from "../services/pack-contents";
import { type PackSafety, viewPackSafety } from "../services/pack-safety";
import { decideProcessing, processingForRequest } from "../services/processing";
import { itemsForRequest } from "../services/request-items";
import { transitionRightsRequest } from "../services/transition-request";
import { verifyIdentity } from "../services/verify-identity";
import { ITEM_ACTION_LABELS, recipientReviewLabel, reviewLabel, worksOnItems } from "./items";
import { dueNote, OUTCOMES, VIA_LABELS } from "./request-labels";
import { presentSafety } from "./safety";

/**
 * One rights request's page, where the IG lead works it through: the people it is about, the items
 * or the access pack, the safety check, and the forms that verify identity, attach a person, decide
 * on processing and move the request on. A refusal comes back on the page with the error summary.
 */

const OUTCOME_LABELS = { FULL: "Full", PARTIAL: "Partial", REFUSED: "Refused" } as const;

/** The request page's dates, typed as day, month and year boxes. */
const DATE_FIELDS = ["receivedOn", "requesterToldOn"];

/** What was typed on the request page, dates as their three boxes, to show again beside an error. */
function typedValues(body: FormBody) {
  return { ...body, ...Object.fromEntries(DATE_FIELDS.map((name) => [name, datePartsFrom(body, name)])) };
}

export async function rightsRequestPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  /** The items the request is worked on, what was done to each and which recipients were told. */
  const itemsWork = async (actor: Actor, request: RightsRequestView) => {
    const requestId = request.id;
    const [{ people }, { actions, notices }] = await Promise.all([
      itemsForRequest(db, actor, request),
      loadItemActions(db, actor, request),
    ]);
    const itemLabel = new Map<string, string>();
    const presented = people.map(({ subject, items }) => ({
      subject,
      items: items.map((i) => {
        const label = `${ITEM_CATEGORY_LABELS[i.category]}, ${ukDate(i.eventDate)}${i.accuracy === "CORRECTED" ? `, version ${i.version} (since corrected)` : ""}`;
        itemLabel.set(i.id, label);
        return {
          href: `/rights/${requestId}/items/${i.id}`,
          label,
          kindLabel: RECORD_ITEM_KIND_LABELS[i.kind],
          excerpt: i.text.length > 120 ? `${i.text.slice(0, 117)}…` : i.text,
          restricted: !!i.restrictedAt,
          erased: !!i.erasedAt,
          done: i.lastAction ? ITEM_ACTION_LABELS[i.lastAction] : reviewLabel(i.review),
        };
      }),
    }));
    return {
      people: presented,
      actions: actions.map((a) => ({ ...a, label: ITEM_ACTION_LABELS[a.kind], item: itemLabel.get(a.itemId) ?? "An earlier version" })),
      notices: notices.map((n) => ({ ...n, label: NOTICE_KIND_LABELS[n.kind] })),
    };
  };
  /** An access request's pack: whether it is still a draft, and each entry of who it was shared with, to review. */
  const packWork = async (actor: Actor, request: RightsRequestView, safety: PackSafety) => {
    const contents = await packContents(
      db,
      actor.organisationId,
      request.id,
      request.subjects.map((s) => s.id),
    );
    const keptFromFamily = new Set(safety.notTold.map((d) => d.disclosureId));
    return {
      draft: isDraft(contents.unreviewed),
      unreviewed: unreviewedSentence(contents.unreviewed),
      // Why it cannot be the response yet (the service refuses it too), and what is left.
      notTheResponse: draftProblem(contents.unreviewed),
      // For the IG lead: what the pack leaves out, by exemption (the requester is never told which).
      heldBack: heldBack(contents).map((h) => `${EXEMPTION_LABELS[h.exemption]}: ${itemsAndRecords(h)}`),
      sharedWith: contents.log.map((entry) => ({
        href: `/rights/${request.id}/recipients/${entry.id}`,
        organisation: entry.organisation,
        sentOn: entry.sentAt,
        items: entry.items,
        purpose: purposeLabel(entry.purposeCode),
        keptFromFamily: keptFromFamily.has(entry.id),
        done: recipientReviewLabel(contents.recipientReviews.get(entry.id)?.decision ?? null),
      })),
    };
  };
  const requestPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(request);
    const r = await loadRightsRequest(db, actor, idParam(request, "id", "The rights request"));
    const q = str(queryOf(request), "q") || r.about.name;
    // Possible matches in the organisation's own records: an audited read of the results.
    const matches = (await searchSubjects(db, actor, { q }, { page: 1, pageSize: 10 }, "web.subjects.search")).rows.filter(
      (m) => !r.subjects.some((s) => s.id === m.id),
    );
    const work = worksOnItems(r.type) ? await itemsWork(actor, r) : null;
    const processing = r.type === "OBJECTION" || r.type === "WITHDRAW_CONSENT" ? await processingForRequest(db, actor, r) : null;
    // An access pack tells the requester what was shared and with whom: warn before it can harm the child.
    const safety = r.type === "ACCESS" ? await viewPackSafety(db, actor, r, "web.rights.warnings") : null;
    const pack = safety && r.subjects.length ? await packWork(actor, r, safety) : null;
    // A draft pack is not offered as the response: the choice says why instead.
    const notYetResponse = TRANSITIONS[r.state].includes("RESPONDED") ? (pack?.notTheResponse ?? null) : null;
    const next = TRANSITIONS[r.state].filter((s) => s !== "RESPONDED" || !notYetResponse);
    return reply.view("rights/request", {
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      work,
      safety: safety && presentSafety(safety),
      pack,
      processing: processing && {
        ...processing,
        open: processing.bases.filter((b) => b.applies).map((b) => ({ value: b.article6, text: b.label })),
        // Withdrawn consent stays withdrawn until the person gives it again.
        withdrawalNext: processing.bases.some((b) => b.article6 === "A6_1A_CONSENT" && b.decision?.decision === "STOP")
          ? "CONTINUE"
          : "STOP",
        decisionItems: [
          { value: "STOP", text: "It stops" },
          { value: "CONTINUE", text: "It continues on compelling legitimate grounds" },
        ].filter((d) => processing.choices.includes(d.value as "STOP" | "CONTINUE")),
      },
      r: {
        ...r,
        typeLabel: RIGHTS_TYPE_LABELS[r.type],
        stateLabel: RIGHTS_STATE_LABELS[r.state],
        relationshipLabel: REQUESTER_RELATIONSHIP_LABELS[r.relationship],
        viaLabel: VIA_LABELS[r.receivedVia],
        outcomeLabel: r.outcome ? OUTCOME_LABELS[r.outcome] : null,
        due: dueNote(r.state, r.dueOn, r.clock.paused, (await sharingSettings(db)).nation),
      },
      stateLabels: RIGHTS_STATE_LABELS,
      next: next.map((s) => ({ value: s, text: RIGHTS_STATE_LABELS[s] })),
      notYetResponse,
      // An access request answered about no one: only a refusal, or on confirming nothing is held (transitionProblem).
      nothingHeldOffered: r.type === "ACCESS" && !r.subjects.length && next.includes("RESPONDED"),
      outcomeItems: RESPONSE_OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABELS[o] })),
      matches: matches.map((m) => ({ id: m.id, name: fullName(m), dateOfBirth: m.dateOfBirth })),
      q,
      values: {},
      errors: {},
      errorList: [],
      ...extra,
    });
  };

  app.get("/rights/:id", (request, reply) => requestPage(request, reply));

  /** Runs an action from the request page; a refusal comes back on it with the GOV.UK error summary. */
  const act = async (request: FastifyRequest, reply: FastifyReply, action: () => Promise<unknown>, done: string) => {
    const id = idParam(request, "id", "The rights request");
    return withFormErrors(
      reply,
      (summary) => requestPage(request, reply, { ...summary, values: typedValues(bodyOf(request)) }),
      async () => {
        await action();
        return reply.redirect(`/rights/${id}?outcome=${done}`, 303);
      },
      { onePerField: true, dateFields: DATE_FIELDS, orAt: { path: "/to", message: "This cannot be done" } },
    );
  };

  app.post("/rights/:id/identity", (request, reply) => {
    const body = bodyOf(request);
    return act(
      request,
      reply,
      () =>
        verifyIdentity(db, actorOf(request), idParam(request, "id", "The rights request"), {
          evidence: str(body, "evidence"),
          authorityEvidence: str(body, "authorityEvidence") || undefined,
        }),
      "identity",
    );
  });
  app.post("/rights/:id/processing", (request, reply) => {
    const body = bodyOf(request);
    return act(
      request,
      reply,
      () =>
        decideProcessing(db, actorOf(request), idParam(request, "id", "The rights request"), {
          article6: str(body, "article6") || undefined,
          decision: str(body, "decision") || undefined,
          grounds: str(body, "grounds"),
        }),
      "processing",
    );
  });
  app.post("/rights/:id/subjects", (request, reply) =>
    act(
      request,
      reply,
      () => attachSubject(db, actorOf(request), idParam(request, "id", "The rights request"), str(bodyOf(request), "subjectId")),
      "attached",
    ),
  );
  app.post("/rights/:id/transitions", (request, reply) => {
    const body = bodyOf(request);
    const optional = (name: string) => str(body, name) || undefined;
    return act(
      request,
      reply,
      () =>
        transitionRightsRequest(db, actorOf(request), idParam(request, "id", "The rights request"), {
          to: optional("to"),
          reason: optional("reason"),
          receivedOn: isoFromParts(datePartsFrom(body, "receivedOn")) || undefined,
          requesterToldOn: isoFromParts(datePartsFrom(body, "requesterToldOn")) || undefined,
          outcome: optional("outcome"),
          safetyCheck: optional("safetyCheck"),
          nothingHeld: str(body, "nothingHeld") === "yes" || undefined,
        }),
      "moved",
    );
  });
}
