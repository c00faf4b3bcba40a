import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { datePartsFrom, isoFromParts } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, type FormBody, idParam, list, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { purposeLabel } from "../../agreements/domain";
import type { RecordItemRow } from "../../records";
import { itemForPage } from "../../records";
import { sendAccessPackPdf } from "../api/access-pack-pdf";
import { RIGHTS_MESSAGES } from "../domain/messages";
import { namesInText } from "../domain/third-parties";
import { answeredProblem, changeProblem } from "../domain/transitions";
import { EXEMPTION_LABELS, EXEMPTIONS, type Exemption, ITEM_ACTIONS_FOR, type RightsType } from "../domain/vocabulary";
import { acknowledgeComplaint } from "../services/acknowledge-complaint";
import { decideErasure } from "../services/erase-item";
import { loadRightsRequest } from "../services/load-requests";
import { safetyForItem, safetyForRecipient, viewPackSafety } from "../services/pack-safety";
import { addStatement, correctForRequest } from "../services/rectify-item";
import { attachedItem, itemForRequest, linkedNamesFor } from "../services/request-items";
import { liftRestriction, restrictForRequest } from "../services/restrict-item";
import { recipientForRequest, reviewItem, reviewRecipient } from "../services/review-pack";
import { presentSafety } from "./safety";

/**
 * Working a rights request item by item (docs/domain.md §6): the review for an access request, the
 * correction, statement, restriction or erasure decision for the others. Each form posts here and
 * a refusal comes back on the item's page with the GOV.UK error summary and what was typed.
 */

const words = RIGHTS_MESSAGES.en;
export const ITEM_ACTION_LABELS: Record<string, string> = words.itemAction;
export const reviewLabel = (d: string | null) => (d ? words.itemReview[d as keyof typeof words.itemReview] : null);
export const recipientReviewLabel = (d: string | null) => (d ? words.recipientReview[d as keyof typeof words.recipientReview] : null);

/** The exemptions to choose from, in words, on the item and the record-of-sharing review pages alike. */
const EXEMPTION_ITEMS = EXEMPTIONS.map((e) => ({ value: e, text: EXEMPTION_LABELS[e] }));
const exemptionLabel = (e: Exemption | null) => (e ? EXEMPTION_LABELS[e] : null);

/** What a review takes out of an item, split into the names found in its text (ticked boxes) and the words typed. */
function takenOut(review: { decision: string; redactions: string[] } | null, found: readonly { text: string }[]) {
  const redactions = review?.decision === "REDACT" ? review.redactions : [];
  const isName = (phrase: string) => found.some((f) => f.text === phrase);
  return { names: redactions.filter(isName), words: redactions.filter((p) => !isName(p)) };
}

export const worksOnItems = (type: RightsType) => ITEM_ACTIONS_FOR[type].length > 0;

const DONE: Record<string, string> = {
  review: "Review saved.",
  correct: "Corrected. Every organisation it was sent to has been told.",
  statement: "Statement added. Every organisation it was sent to has been told.",
  restrict: "Restricted: it cannot be shared until the restriction is lifted.",
  "lift-restriction": "Restriction lifted.",
  erasure: "Erasure decision recorded.",
};

/** Form fields → the API's input for each action, so the service validates exactly one shape. */
const INPUTS: Record<string, (body: FormBody, item: RecordItemRow) => unknown> = {
  review: (b) => ({
    decision: str(b, "decision") || undefined,
    exemption: str(b, "exemption") || undefined,
    reason: str(b, "reason") || undefined,
    // The words typed, one a line, and the names of other people ticked: each is taken out.
    redactions: [
      ...new Set([
        ...str(b, "redactions")
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
        ...list(b, "redactNames"),
      ]),
    ],
    healthOpinion: str(b, "healthOpinion") || undefined,
    healthProfessional: str(b, "healthProfessional") || undefined,
  }),
  correct: (b, item) => ({
    category: item.category,
    kind: item.kind,
    text: str(b, "text"),
    eventDate: item.eventDate,
    source: { name: item.sourceName, method: item.sourceMethod, obtainedOn: item.sourceObtainedOn },
    historical: item.historical,
    specialCategory: item.specialCategory,
    criminalOffence: item.criminalOffence,
    reason: str(b, "reason"),
    // A protected detail typed into the correction is a warning (GR5-PROTECT-IDENTITIES), ticked on the form.
    acknowledgedWarnings: list(b, "acknowledged"),
  }),
  statement: (b) => ({ statement: str(b, "statement") }),
  restrict: (b) => ({ reason: str(b, "reason") }),
  "lift-restriction": (b) => ({
    reason: str(b, "reason"),
    requesterToldOn: isoFromParts(datePartsFrom(b, "requesterToldOn")) || undefined,
  }),
  erasure: (b) => ({ grant: str(b, "grant") === "" ? undefined : str(b, "grant") === "yes", reason: str(b, "reason") }),
};

export async function rightsItemPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const ACTIONS = {
    review: reviewItem,
    correct: correctForRequest,
    statement: addStatement,
    restrict: restrictForRequest,
    "lift-restriction": liftRestriction,
    erasure: decideErasure,
  } as const;

  const itemPage = async (request: FastifyRequest, reply: FastifyReply, extra: { form?: string; values?: FormBody } = {}) => {
    const actor = actorOf(request);
    const requestId = idParam(request, "id", "The rights request");
    const {
      request: r,
      item,
      versions,
      review,
      actions,
    } = await itemForRequest(db, actor, requestId, idParam(request, "itemId", "The item"));
    // Changes wait until the requester's identity is verified and work has started (docs/domain.md §6), and end once it is answered.
    const actionable = changeProblem(r) === null;
    const answered = answeredProblem(r);
    const current = !item.erasedAt && item.accuracy !== "CORRECTED";
    const forms = ITEM_ACTIONS_FOR[r.type].filter((f) => {
      // Once answered, what was sent stays as reviewed: the review is shown, not offered again.
      if (f === "review") return !answered;
      if (!actionable || !current) return false;
      if (f === "statement") return item.kind === "OPINION";
      if (f === "restrict") return !item.restrictedAt;
      return true;
    });
    // Reviewing for an access pack: the names of other people linked to the person, found in the text.
    const person = r.subjects.find((s) => s.id === item.subjectId);
    const thirdParties =
      r.type === "ACCESS" && person
        ? namesInText(
            item.text,
            await linkedNamesFor(db, actor, person, r),
            r.subjects.map((s) => s.name),
          )
        : null;
    const taken = takenOut(review, thirdParties?.found ?? []);
    const safety =
      r.type === "ACCESS"
        ? presentSafety(
            safetyForItem(await viewPackSafety(db, actor, r, "web.rights.warnings"), {
              subjectId: item.subjectId,
              versionIds: versions.map((v) => v.id),
            }),
          )
        : null;
    return reply.view("rights/item", {
      outcome: DONE[queryOf(request).outcome ?? ""],
      r,
      safety,
      thirdParties: thirdParties?.found.length ? thirdParties : null,
      // Ticked as typed after a refusal, otherwise as taken out by the review (only a redaction takes anything out).
      namesTakenOut: extra.form === "review" ? list(extra.values ?? {}, "redactNames") : taken.names,
      item: { ...itemForPage(item), subjectId: item.subjectId, restricted: !!item.restrictedAt, erased: !!item.erasedAt },
      versions: versions.filter((v) => v.id !== item.id).map(itemForPage),
      review: review && {
        ...review,
        label: reviewLabel(review.decision),
        exemptionLabel: exemptionLabel(review.exemption),
        takenOut: taken.names.concat(taken.words).join("\n"),
        // The names are ticked boxes: repeated here, unticking one would not take it back.
        wordsTyped: taken.words.join("\n"),
      },
      actions: actions.map((a) => ({ ...a, label: ITEM_ACTION_LABELS[a.kind] })),
      forms,
      answered,
      waiting: !actionable && !answered && r.type !== "ACCESS" && worksOnItems(r.type),
      canLift: actionable && current && !!item.restrictedAt && ITEM_ACTIONS_FOR[r.type].includes("restrict"),
      exemptionItems: EXEMPTION_ITEMS,
      form: extra.form,
      values: extra.values ?? {},
      errors: {},
      errorList: [],
      ...extra,
    });
  };

  app.get("/rights/:id/items/:itemId", (request, reply) => itemPage(request, reply));

  for (const [path, action] of Object.entries(ACTIONS)) {
    app.post(`/rights/:id/items/:itemId/${path}`, async (request, reply) => {
      const actor = actorOf(request);
      const requestId = idParam(request, "id", "The rights request");
      const itemId = idParam(request, "itemId", "The item");
      const body = bodyOf(request);
      return withFormErrors(
        reply,
        (summary) => itemPage(request, reply, { ...summary, form: path, values: body }),
        async () => {
          // The item's own fields complete a correction's input; nothing of it is shown, so no audited read.
          const item = await attachedItem(db, actor, await loadRightsRequest(db, actor, requestId), itemId);
          await action(db, actor, requestId, itemId, INPUTS[path]!(body, item));
          return reply.redirect(`/rights/${requestId}/items/${itemId}?outcome=${path}`, 303);
        },
        {
          orAt: { path: `/${path}`, message: "This cannot be done" },
          // Field ids are prefixed by the form, as one page holds several forms with a "reason".
          mapPath: (p) => `/${path}${p.replace(/^\/source\//, "/").replace(/^\/redactions\/\d+$/, "/redactions")}`,
          hrefFor: (_p, id) => (id === "lift-restriction-requesterToldOn" ? "#requesterToldOn-day" : `#${id}`),
        },
      );
    });
  }

  /** One entry of who it was shared with, reviewed for the pack as an item is: listed, or withheld under an exemption. */
  const recipientPage = async (request: FastifyRequest, reply: FastifyReply, extra: { values?: FormBody } = {}) => {
    const actor = actorOf(request);
    const {
      request: r,
      entry,
      review,
    } = await recipientForRequest(
      db,
      actor,
      idParam(request, "id", "The rights request"),
      idParam(request, "disclosureId", "The record of sharing"),
    );
    const safety = await viewPackSafety(db, actor, r, "web.rights.warnings");
    return reply.view("rights/recipient", {
      outcome: DONE[queryOf(request).outcome ?? ""],
      r,
      answered: answeredProblem(r),
      entry: { ...entry, purpose: purposeLabel(entry.purposeCode) },
      review: review && { ...review, label: recipientReviewLabel(review.decision), exemptionLabel: exemptionLabel(review.exemption) },
      safety: presentSafety(safetyForRecipient(safety, entry)),
      exemptionItems: EXEMPTION_ITEMS,
      values: extra.values ?? {},
      errors: {},
      errorList: [],
      ...extra,
    });
  };
  app.get("/rights/:id/recipients/:disclosureId", (request, reply) => recipientPage(request, reply));
  app.post("/rights/:id/recipients/:disclosureId/review", async (request, reply) => {
    const requestId = idParam(request, "id", "The rights request");
    const disclosureId = idParam(request, "disclosureId", "The record of sharing");
    const body = bodyOf(request);
    return withFormErrors(
      reply,
      (summary) => recipientPage(request, reply, { ...summary, values: body }),
      async () => {
        await reviewRecipient(db, actorOf(request), requestId, disclosureId, {
          decision: str(body, "decision") || undefined,
          exemption: str(body, "exemption") || undefined,
          reason: str(body, "reason") || undefined,
          healthOpinion: str(body, "healthOpinion") || undefined,
          healthProfessional: str(body, "healthProfessional") || undefined,
        });
        return reply.redirect(`/rights/${requestId}/recipients/${disclosureId}?outcome=review`, 303);
      },
      { orAt: { path: "/decision", message: "This cannot be done" }, mapPath: (p) => `/review${p}` },
    );
  });

  app.get("/rights/:id/pack.pdf", (request, reply) =>
    sendAccessPackPdf(reply, db, actorOf(request), idParam(request, "id", "The rights request")),
  );

  app.post("/rights/:id/acknowledge", async (request, reply) => {
    const id = idParam(request, "id", "The rights request");
    await acknowledgeComplaint(db, actorOf(request), id);
    return reply.redirect(`/rights/${id}?outcome=acknowledged`, 303);
  });
}
