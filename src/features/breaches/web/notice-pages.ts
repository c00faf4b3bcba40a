import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor";
import { dateFromParts, datePartsFrom, emptyDateParts, today, ukDayStart } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import type { FieldError } from "../../../platform/errors";
import { ValidationError } from "../../../platform/errors";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, formHelpers, parseForm, type Refusal, str, withFormErrors } from "../../../platform/web-kit/forms";
import { BREACHES_MESSAGES } from "../domain/messages";
import { NOTICE_SENT_HOW } from "../domain/notices";
import { BREACH_RULES } from "../domain/rules";
import type { BreachState } from "../domain/vocabulary";
import {
  type BreachNotice,
  draftBreachNotice,
  editBreachNotice,
  recordNoticeSent,
  viewNotice,
  viewNoticeChoices,
  withholdBreachNotice,
} from "../services/notices";
import { assertWritesBreaches } from "../services/register";

const words = BREACHES_MESSAGES.en;
const VIEW = "web.breaches.notices";
const SAFE_RULE = [{ code: "BR-NOTICE-SAFE", rule: BREACH_RULES["BR-NOTICE-SAFE"] }];

const params = idParams.extend({ noticeId: z.uuid() });

/** The safeguarding check's refusal (BR-NOTICE-SAFE) names the addressee; the page shows the rule beside it. */
const refusedBySafeguarding = (refusal: Refusal) => refusal.fieldErrors.some((e) => e.path === "/addresseeSubjectId");

const writes = (actor: Actor) => actor.roles.includes("ig_lead");

/** A notice as the pages show it: its words for its version, state and how it went. */
const noticeWords = (n: BreachNotice) => ({
  ...n,
  audienceText: words.noticeAudience[n.audience],
  stateText: words.noticeState[n.state],
  sentHowText: n.sentHow ? words.noticeSentHow[n.sentHow] : null,
  toThePerson: n.subject.id === n.addressee.id,
});

/**
 * The breach page's "Telling the people affected": shown once the breach is assessed as a high risk
 * (Art 34), or once a notice exists, with each notice's state; IG leads may draft one while it is open.
 */
export const noticesSection = (actor: Actor, breach: { id: string; risk: string | null; state: BreachState }, notices: BreachNotice[]) =>
  breach.risk === "HIGH_RISK" || notices.length
    ? { notices: notices.map(noticeWords), mayDraft: writes(actor) && breach.state !== "CLOSED" }
    : null;

/** The radio's value for a choice: whose notice, to whom, in which version. */
const choiceValue = (subjectId: string, addresseeId: string, audience: string) => `${subjectId}|${addresseeId}|${audience}`;

/** "/addresseeSubjectId" and the rest of a draft's paths are the one radio group on the page. */
const toChoice = () => "/choice";

/**
 * Telling the people affected by a breach (Art 34; BR-NOTICE-SAFE), one thing a page: choose who a
 * notice is for and its version; read and edit the draft; record how and when it was sent; or withhold
 * it with the reason. Registered inside the breach pages, so for IG leads and auditors only; auditors read.
 */
export async function breachNoticePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const choosePage = async (reply: FastifyReply, actor: Actor, id: string, extra: Record<string, unknown> = {}) => {
    const choices = await viewNoticeChoices(db, actor, id, VIEW);
    const safe = choices.filter((c) => !c.refusals.length);
    return reply.view("breaches/notice-new", {
      breachId: id,
      options: safe.flatMap((c) =>
        c.audiences.map((audience) => ({
          value: choiceValue(c.subject.id, c.addressee.id, audience),
          text:
            c.relation === "SELF"
              ? `${c.addressee.name}, the person affected`
              : `${c.addressee.name}, parent or carer of ${c.subject.name}`,
          hint: words.noticeAudience[audience],
        })),
      ),
      refused: choices.flatMap((c) => c.refusals.map((r) => r.message)),
      rules: SAFE_RULE,
      values: {},
      ...formHelpers,
      ...extra,
    });
  };

  app.get("/breaches/:id/notices/new", async (request, reply) => {
    const actor = actorOf(request);
    assertWritesBreaches(actor);
    return choosePage(reply, actor, parseForm(idParams, request.params).id);
  });

  app.post("/breaches/:id/notices/new", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const choice = str(bodyOf(request), "choice");
    const [subjectId, addresseeSubjectId, audience] = choice.split("|");
    return withFormErrors(
      reply,
      async (summary, refusal) =>
        choosePage(reply, actor, id, { values: { choice }, refusedNow: refusedBySafeguarding(refusal), ...summary }),
      async () => {
        if (!choice) throw new ValidationError([{ path: "/choice", message: "Select who the notice is for" }]);
        const noticeId = await draftBreachNotice(db, actor, id, { subjectId, addresseeSubjectId, audience });
        return reply.redirect(`/breaches/${id}/notices/${noticeId}`, 303);
      },
      { mapPath: toChoice, onePerField: true },
    );
  });

  const noticePage = async (reply: FastifyReply, request: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(request);
    const { id, noticeId } = parseForm(params, request.params);
    const notice = await viewNotice(db, actor, id, noticeId, VIEW);
    return reply.view("breaches/notice", {
      breachId: id,
      notice: noticeWords(notice),
      mayChange: writes(actor) && notice.state === "DRAFT",
      values: { body: notice.body },
      ...extra,
    });
  };

  app.get("/breaches/:id/notices/:noticeId", async (request, reply) => {
    const outcome = (request.query as Record<string, string>)?.done;
    const outcomes: Record<string, string> = { saved: "Notice saved", sent: "Notice recorded as sent", withheld: "Notice withheld" };
    return noticePage(reply, request, { outcome: outcome ? outcomes[outcome] : undefined });
  });

  app.post("/breaches/:id/notices/:noticeId", async (request, reply) => {
    const actor = actorOf(request);
    const { id, noticeId } = parseForm(params, request.params);
    const body = str(bodyOf(request), "body");
    return withFormErrors(
      reply,
      (summary) => noticePage(reply, request, { ...summary, values: { body } }),
      async () => {
        await editBreachNotice(db, actor, id, noticeId, { body });
        return reply.redirect(`/breaches/${id}/notices/${noticeId}?done=saved`, 303);
      },
      { conflictsAreErrors: true },
    );
  });

  /** A form about one draft notice (sent, withheld): IG leads only, and only while it is a draft. */
  const draftForm = async (request: FastifyRequest, reply: FastifyReply, view: string, extra: Record<string, unknown>) => {
    const actor = actorOf(request);
    assertWritesBreaches(actor);
    const { id, noticeId } = parseForm(params, request.params);
    const notice = await viewNotice(db, actor, id, noticeId, VIEW);
    if (notice.state !== "DRAFT") return reply.redirect(`/breaches/${id}/notices/${noticeId}`, 303);
    return reply.view(view, { breachId: id, notice: noticeWords(notice), rules: SAFE_RULE, ...formHelpers, ...extra });
  };

  const howOptions = NOTICE_SENT_HOW.map((value) => ({ value, text: words.noticeSentHow[value] }));

  app.get("/breaches/:id/notices/:noticeId/sent", (request, reply) =>
    draftForm(request, reply, "breaches/notice-sent", { howOptions, values: { sentOn: emptyDateParts() } }),
  );

  app.post("/breaches/:id/notices/:noticeId/sent", async (request, reply) => {
    const actor = actorOf(request);
    const { id, noticeId } = parseForm(params, request.params);
    const form = bodyOf(request);
    const values = { how: str(form, "how"), sentOn: datePartsFrom(form, "sentOn") };
    return withFormErrors(
      reply,
      (summary, refusal) =>
        draftForm(request, reply, "breaches/notice-sent", {
          howOptions,
          values,
          refusedNow: refusedBySafeguarding(refusal),
          ...summary,
        }),
      async () => {
        const errors: FieldError[] = [];
        const day = dateFromParts(values.sentOn, "/sentOn", errors, "The date it was sent");
        if (!day && !errors.length) errors.push({ path: "/sentOn", message: "Enter the date the notice was sent" });
        if (errors.length) throw new ValidationError(errors);
        // A date is what a letter carries: today is now, an earlier day its middle (UK time).
        const sentAt = day === today() ? new Date() : new Date(ukDayStart(day!).getTime() + 12 * 3_600_000);
        await recordNoticeSent(db, actor, id, noticeId, { how: values.how, sentAt: sentAt.toISOString() });
        return reply.redirect(`/breaches/${id}/notices/${noticeId}?done=sent`, 303);
      },
      {
        mapPath: (path) => (path === "/sentAt" ? "/sentOn" : path),
        dateFields: ["sentOn"],
        // The safeguarding refusal is about the person, not a box on this page: it heads the summary.
        hrefFor: (path, _id, anchor) => (path === "/addresseeSubjectId" ? undefined : `#${anchor}`),
        onePerField: true,
      },
    );
  });

  app.get("/breaches/:id/notices/:noticeId/withhold", (request, reply) =>
    draftForm(request, reply, "breaches/notice-withhold", { values: {} }),
  );

  app.post("/breaches/:id/notices/:noticeId/withhold", async (request, reply) => {
    const actor = actorOf(request);
    const { id, noticeId } = parseForm(params, request.params);
    const reason = str(bodyOf(request), "reason");
    return withFormErrors(
      reply,
      (summary) => draftForm(request, reply, "breaches/notice-withhold", { values: { reason }, ...summary }),
      async () => {
        await withholdBreachNotice(db, actor, id, noticeId, { reason });
        return reply.redirect(`/breaches/${id}/notices/${noticeId}?done=withheld`, 303);
      },
      { conflictsAreErrors: true },
    );
  });
}
