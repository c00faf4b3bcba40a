import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor";
import { type DateParts, datePartsFrom, emptyDateParts, ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotFoundError, ValidationError } from "../../../platform/errors";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { message } from "../../../platform/messages";
import {
  bodyOf,
  type ErrorSummary,
  type FormOptions,
  formHelpers,
  idParam,
  optionsOf,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { discardDraft, loadDraft, saveDraft } from "../../form-drafts";
import { clockState, icoDueAt } from "../domain/clock";
import { clockText } from "../domain/clock-text";
import { breachFactsUpdate, type NewBreachInput, newBreachInput } from "../domain/inputs";
import { BREACHES_MESSAGES } from "../domain/messages";
import { BREACH_RISKS, breachReference, REPORT_PHASES } from "../domain/vocabulary";
import { assessBreachRisk, closeBreach, decideNotToReport, moveBreach, recordIcoReport, updateBreachFacts } from "../services/changes";
import { loadDisclosureToContain } from "../services/disclosure-to-contain";
import { type BreachDetail, checkNewBreach, loadBreachRow, recordBreach, viewBreach } from "../services/register";
import {
  emptyFacts,
  FACTS_FORM,
  type FactValues,
  factAnswers,
  factOptions,
  factsInput,
  factValuesFrom,
  factValuesOf,
  factValuesOfDraft,
  momentFrom,
} from "./fact-fields";

/**
 * The register's forms (issue 22): recording a breach (from a disclosure the organisation sent, too,
 * which withdraws the recipient's access), in a form then "check your answers", and each change to one
 * on its own page, for IG leads.
 * Every change goes through the services, which audit it; a refusal comes back on its page as the
 * GOV.UK error summary with what was typed, and success goes to the breach with a banner.
 */

const words = BREACHES_MESSAGES.en;
const say = (key: string, params: Record<string, string> = {}) => message(words, `forms.${key}`, params);

/** The new-breach form's server-side draft: one per person, and per disclosure it is raised from. */
const DRAFT = "breach_new";
type Draft = FactValues & Record<string, unknown>;

const DONE: Record<string, string> = {
  recorded: words.formsDone.recorded,
  withdrawn: words.formsDone.recordedAndWithdrawn,
  facts: words.formsDone.facts,
  risk: words.formsDone.risk,
  report: words.formsDone.report,
  "not-reported": words.formsDone.notReported,
  investigating: words.formsDone.investigating,
  closed: words.formsDone.closed,
};

/** The success banner the breach's page shows after a change (`?done=`), or undefined. */
export const doneBanner = (request: FastifyRequest): string | undefined => DONE[queryOf(request).done ?? ""];

/** What an IG lead may do next on the breach's page: each a link to its own form, offered only when the service would allow it. */
export function breachActions(b: BreachDetail, actor: Actor): { href: string; text: string }[] {
  if (!actor.roles.includes("ig_lead") || b.state === "CLOSED") return [];
  const at = (path: string, text: string) => ({ href: `/breaches/${b.id}/${path}`, text });
  const reported = b.reports.some((r) => r.phase === "INITIAL");
  return [
    at("facts", "Change the facts"),
    at("people", "Change the people affected"),
    at("risk", b.risk ? "Assess the risk to people again" : "Assess the risk to people"),
    ...(reported || b.nextStates.includes("REPORTED_TO_ICO") ? [at("report", "Record a report made to the ICO")] : []),
    ...(b.risk === "NO_RISK" && b.nextStates.includes("NOT_REPORTED") ? [at("not-reported", "Record the decision not to report")] : []),
    ...(b.nextStates.includes("INVESTIGATING") ? [at("investigate", "Start the investigation")] : []),
    ...(b.nextStates.includes("CLOSED") ? [at("close", "Close the breach")] : []),
  ];
}

const idOf = (request: FastifyRequest): string => idParam(request, "id", "The breach");

/** The reference and clock at the top of each change's page: its row only, which names no one. */
async function headingOf(db: Db, actor: Actor, id: string) {
  const b = await loadBreachRow(db, actor, id);
  const now = new Date();
  return {
    id: b.id,
    reference: breachReference(b.reference),
    state: b.state,
    risk: b.risk,
    riskReasoning: b.riskReasoning,
    awareAt: b.awareAt,
    initialReported: b.initialReportAt !== null,
    // The 72 hours have gone: an initial report made now needs the reasons for the delay (BR-72H).
    late: b.initialReportAt === null && now.getTime() > icoDueAt(b.awareAt).getTime(),
    clockText: clockText(clockState(b, now)),
  };
}

export async function breachForms(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // Auditors read the register; only IG leads record and change it.
  app.addHook("preHandler", requireActor(["ig_lead"]));

  // ---- Recording a breach ----

  const disclosureOf = async (actor: Actor, request: FastifyRequest) => {
    const id = queryOf(request).disclosureId || str(bodyOf(request), "disclosureId");
    if (!id) return null;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError("The information shared");
    const d = await loadDisclosureToContain(db, actor, id);
    return {
      id: d.id,
      warning: say(d.revoked ? "alreadyWithdrawn" : "withdraws", { recipient: d.recipientName }),
      prefill: {
        whatHappened: say("fromDisclosure", { recipient: d.recipientName, sentAt: ukDateTime(d.sentAt) }),
        types: ["CONFIDENTIALITY"],
        kinds: ["UNAUTHORISED_DISCLOSURE"],
      },
    };
  };
  type FromDisclosure = Awaited<ReturnType<typeof disclosureOf>>;

  /** The form, or its check page, for this disclosure (or none): `?disclosureId=` carries it from page to page. */
  const newHref = (disclosure: FromDisclosure, page = "") => `/breaches/new${page}${disclosure ? `?disclosureId=${disclosure.id}` : ""}`;

  const newPage = (
    reply: FastifyReply,
    disclosure: FromDisclosure,
    values: FactValues,
    extra: Partial<ErrorSummary> & Record<string, unknown> = {},
  ) =>
    reply.view("breaches/new", {
      ...formHelpers,
      disclosure,
      action: newHref(disclosure),
      options: factOptions,
      values,
      errors: {},
      errorList: [],
      ...extra,
    });

  const NEW_FORM = {
    ...FACTS_FORM,
    hrefFor: (_path: string, id: string, anchor: string) => (id === "disclosureId" ? "#disclosure" : `#${anchor}`),
  };

  /**
   * What "Record the breach" will record, checked as `recordBreach` checks it before it writes (the
   * input's schema, then T0 and the incident against now), recording nothing: a ValidationError with
   * every problem, in the form's order and at its fields, as the form shows them.
   */
  const checkedInput = (values: FactValues, disclosure: FromDisclosure): NewBreachInput =>
    checkNewBreach(factsInput(values, newBreachInput, { disclosureId: disclosure?.id ?? null }), new Date());

  /** The draft "Continue" saved, as the form holds it; null when there is none. */
  const draftOf = async (actor: Actor, disclosure: FromDisclosure): Promise<FactValues | null> => {
    const draft = await loadDraft<Draft>(db, actor, DRAFT, disclosure?.id ?? "new");
    return Object.keys(draft).length ? factValuesOfDraft(draft) : null;
  };

  app.get("/breaches/new", async (request, reply) => {
    const actor = actorOf(request);
    const disclosure = await disclosureOf(actor, request);
    const values = { ...emptyFacts(), ...disclosure?.prefill, ...(await draftOf(actor, disclosure)) };
    return newPage(reply, disclosure, values, { saved: queryOf(request).saved === "1" ? say("draftSaved") : undefined });
  });

  // Continue: everything the record would check, checked now; the answers kept in the draft for the check page.
  app.post("/breaches/new", async (request, reply) => {
    const actor = actorOf(request);
    const disclosure = await disclosureOf(actor, request);
    const key = disclosure?.id ?? "new";
    const values = factValuesOf(bodyOf(request));
    // What was typed is kept on the server whatever happens next: a session that ends now loses nothing.
    await saveDraft<Draft>(db, actor, DRAFT, key, values as Draft);
    if (str(bodyOf(request), "action") === "save") {
      return reply.redirect(`/breaches/new?${disclosure ? `disclosureId=${disclosure.id}&` : ""}saved=1`, 303);
    }
    return withFormErrors(
      reply,
      (summary) => newPage(reply, disclosure, values, summary),
      async () => {
        checkedInput(values, disclosure);
        return reply.redirect(newHref(disclosure, "/check"), 303);
      },
      NEW_FORM,
    );
  });

  // ---- Check your answers, then record ----

  /**
   * The draft is gone (recorded already, or never continued): back to the form. A draft no longer
   * right (T0 judged against a later now, say) is shown on the form with its errors, as a refusal.
   */
  app.get("/breaches/new/check", async (request, reply) => {
    const actor = actorOf(request);
    const disclosure = await disclosureOf(actor, request);
    const values = await draftOf(actor, disclosure);
    if (!values) return reply.redirect(newHref(disclosure), 303);
    return withFormErrors(
      reply,
      (summary) => newPage(reply, disclosure, values, summary),
      async () => {
        const formHref = newHref(disclosure);
        return reply.view("breaches/check", {
          disclosure,
          formHref,
          action: newHref(disclosure, "/check"),
          answers: factAnswers(checkedInput(values, disclosure)).map((a) => ({ ...a, href: `${formHref}#${a.id}` })),
        });
      },
      NEW_FORM,
    );
  });

  app.post("/breaches/new/check", async (request, reply) => {
    const actor = actorOf(request);
    const disclosure = await disclosureOf(actor, request);
    const values = await draftOf(actor, disclosure);
    if (!values) return reply.redirect(newHref(disclosure), 303);
    return withFormErrors(
      reply,
      (summary) => newPage(reply, disclosure, values, summary),
      async () => {
        const input = factsInput(values, newBreachInput, { disclosureId: disclosure?.id ?? null });
        const id = await recordBreach(db, actor, input);
        await discardDraft(db, actor, DRAFT, disclosure?.id ?? "new");
        return reply.redirect(`/breaches/${id}?done=${disclosure ? "withdrawn" : "recorded"}`, 303);
      },
      NEW_FORM,
    );
  });

  // ---- Changing the facts ----

  const factsPage = (reply: FastifyReply, breach: { id: string; reference: string }, values: FactValues, summary?: ErrorSummary) =>
    reply.view("breaches/facts", { ...formHelpers, breach, options: factOptions, values, errors: {}, errorList: [], ...summary });

  app.get("/breaches/:id/facts", async (request, reply) => {
    const b = await viewBreach(db, actorOf(request), idOf(request), "web.breaches.facts");
    return factsPage(reply, { id: b.id, reference: b.reference }, factValuesFrom(b));
  });

  app.post("/breaches/:id/facts", async (request, reply) => {
    const actor = actorOf(request);
    const breach = await headingOf(db, actor, idOf(request));
    const values = factValuesOf(bodyOf(request));
    return withFormErrors(
      reply,
      (summary) => factsPage(reply, breach, values, summary),
      async () => {
        await updateBreachFacts(db, actor, breach.id, factsInput(values, breachFactsUpdate));
        return reply.redirect(`/breaches/${breach.id}?done=facts`, 303);
      },
      { ...FACTS_FORM, leadWithMessage: true },
    );
  });

  // ---- One change, one page ----

  /**
   * A change with a form of its own: GET shows it (with `initial` values), POST runs `act` with what was
   * typed and goes back to the breach with its banner. A conflict (the breach is closed, the step is not
   * open from where it stands) heads the error summary, or is shown at `orAt`.
   */
  const action = <V extends Record<string, unknown>>(
    path: string,
    view: string,
    spec: {
      initial: (b: Awaited<ReturnType<typeof headingOf>>) => V;
      read: (request: FastifyRequest) => V;
      act: (actor: Actor, id: string, values: V, b: Awaited<ReturnType<typeof headingOf>>) => Promise<unknown>;
      done: string;
      options?: FormOptions;
      context?: Record<string, unknown>;
    },
  ) => {
    const page = (reply: FastifyReply, breach: Awaited<ReturnType<typeof headingOf>>, values: V, summary?: ErrorSummary) =>
      reply.view(view, { ...formHelpers, breach, values, errors: {}, errorList: [], ...spec.context, ...summary });
    app.get(`/breaches/:id/${path}`, async (request, reply) => {
      const breach = await headingOf(db, actorOf(request), idOf(request));
      return page(reply, breach, spec.initial(breach));
    });
    app.post(`/breaches/:id/${path}`, async (request, reply) => {
      const actor = actorOf(request);
      const breach = await headingOf(db, actor, idOf(request));
      const values = spec.read(request);
      return withFormErrors(
        reply,
        (summary) => page(reply, breach, values, summary),
        async () => {
          await spec.act(actor, breach.id, values, breach);
          return reply.redirect(`/breaches/${breach.id}?done=${spec.done}`, 303);
        },
        { onePerField: true, ...spec.options },
      );
    });
  };

  const text = (request: FastifyRequest, name: string) => str(bodyOf(request), name);

  action("risk", "breaches/risk", {
    initial: (b) => ({ risk: b.risk ?? "", reasoning: b.riskReasoning ?? "" }),
    read: (request) => ({ risk: text(request, "risk"), reasoning: text(request, "reasoning") }),
    act: (actor, id, v) => assessBreachRisk(db, actor, id, { risk: v.risk || undefined, reasoning: v.reasoning }),
    done: "risk",
    options: { leadWithMessage: true },
    context: { riskOptions: optionsOf(BREACH_RISKS, words.risk) },
  });

  action("report", "breaches/report", {
    initial: (b) => ({
      phase: b.initialReported ? "FOLLOW_UP" : "",
      reportedAt: emptyDateParts() as DateParts,
      reportedAtTime: "",
      icoCaseReference: "",
      delayReasons: "",
      contact: "",
    }),
    read: (request) => ({
      phase: text(request, "phase"),
      reportedAt: datePartsFrom(bodyOf(request), "reportedAt"),
      reportedAtTime: text(request, "reportedAtTime").trim(),
      icoCaseReference: text(request, "icoCaseReference"),
      delayReasons: text(request, "delayReasons"),
      contact: text(request, "contact"),
    }),
    act: async (actor, id, v) => {
      const errors: { path: string; message: string }[] = [];
      const reportedAt = momentFrom(v.reportedAt, v.reportedAtTime, "/reportedAt", say("reportedWhen"), errors, true);
      if (!v.phase) errors.unshift({ path: "/phase", message: "Select whether this is the initial report or a follow-up" });
      if (errors.length) throw new ValidationError(errors);
      return recordIcoReport(db, actor, id, {
        phase: v.phase,
        reportedAt,
        icoCaseReference: v.phase === "FOLLOW_UP" ? v.icoCaseReference : null,
        delayReasons: v.delayReasons,
        contact: v.contact,
      });
    },
    done: "report",
    options: { leadWithMessage: true, dateFields: ["reportedAt"] },
    context: { phaseOptions: optionsOf(REPORT_PHASES, words.phase) },
  });

  action("not-reported", "breaches/not-reported", {
    initial: () => ({ reasons: "" }),
    read: (request) => ({ reasons: text(request, "reasons") }),
    act: (actor, id, v) => decideNotToReport(db, actor, id, v),
    done: "not-reported",
    options: { leadWithMessage: true },
  });

  action("investigate", "breaches/investigate", {
    initial: () => ({}),
    read: () => ({}),
    act: (actor, id) => moveBreach(db, actor, id, { to: "INVESTIGATING" }),
    done: "investigating",
    options: { leadWithMessage: true },
  });

  action("close", "breaches/close", {
    initial: () => ({ lessonsLearned: "" }),
    read: (request) => ({ lessonsLearned: text(request, "lessonsLearned") }),
    act: (actor, id, v) => closeBreach(db, actor, id, v),
    done: "closed",
    options: { leadWithMessage: true },
  });
}
