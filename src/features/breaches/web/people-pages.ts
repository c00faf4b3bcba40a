import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  type ErrorSummary,
  errorSummary,
  fieldErrorsOf,
  formHelpers,
  idParam,
  list,
  type Option,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { fullName, searchSubjects } from "../../records";
import { BREACHES_MESSAGES } from "../domain/messages";
import { updateBreachFacts } from "../services/changes";
import { breachSubjectIds, viewBreach } from "../services/register";

/**
 * "People affected" (issue 22): the people a breach names, from the organisation's own records, for its
 * IG leads to add (found by name with the records feature's search) and remove, a page of its own linked
 * from the breach's "Actions". Each change is the whole new list through `updateBreachFacts`, so the
 * partners to tell are worked out again and it is audited as `breach.facts_changed`. Reading the page
 * names people: it is a `personal_data.viewed` read (`VIEW`), and so is each search's list.
 */

const words = BREACHES_MESSAGES.en;
const VIEW = "web.breaches.people";
const RESULTS = 20;

const DONE: Record<string, string> = { added: words.formsDone.peopleAdded, removed: words.formsDone.personRemoved };

const idOf = (request: FastifyRequest): string => idParam(request, "id", "The breach");

const bornText = (dateOfBirth: string | null) => (dateOfBirth ? `Born ${ukDate(dateOfBirth)}` : "Date of birth not recorded");

/** "/subjectIds/3" (the third of the whole new list) is the one list of people found on this page. */
const toPeopleFound = (path: string) => (path.startsWith("/subjectIds") ? "/subjectIds" : path);

interface PageState {
  values: { q: string; subjectIds: string[] };
  /** Run the name search again (the person pressed Search, or a refused Add shows what they chose from). */
  search: boolean;
  summary?: ErrorSummary;
}

export async function breachPeoplePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // Auditors read the breach's page; only IG leads change who it names.
  app.addHook("preHandler", requireActor(["ig_lead"]));

  const page = async (reply: FastifyReply, actor: Actor, id: string, state: PageState, outcome?: string) => {
    const b = await viewBreach(db, actor, id, VIEW);
    const linked = new Set(b.people.map((p) => p.id));
    let found: Option[] = [];
    let alreadyNamed = 0;
    let searchErrors: ErrorSummary | undefined;
    if (state.search && b.state !== "CLOSED") {
      try {
        const { rows } = await searchSubjects(db, actor, { q: state.values.q }, { page: 1, pageSize: RESULTS }, VIEW);
        alreadyNamed = rows.filter((r) => linked.has(r.id)).length;
        found = rows.filter((r) => !linked.has(r.id)).map((r) => ({ value: r.id, text: fullName(r), hint: bornText(r.dateOfBirth) }));
      } catch (error) {
        const refusal = fieldErrorsOf(error);
        if (!refusal) throw error;
        searchErrors = errorSummary(refusal.fieldErrors);
        reply.status(refusal.status);
      }
    }
    const summary = state.summary ?? searchErrors ?? { errors: {}, errorList: [] };
    return reply.view("breaches/people", {
      ...formHelpers,
      breach: { id: b.id, reference: b.reference, clockText: b.clockText, closed: b.state === "CLOSED" },
      people: b.people.map((p) => ({ id: p.id, name: p.name, born: bornText(p.dateOfBirth) })),
      found,
      alreadyNamed,
      searched: state.search && !searchErrors,
      values: state.values,
      outcome,
      closedText: words.problems.closed,
      ...summary,
    });
  };

  app.get("/breaches/:id/people", async (request, reply) =>
    page(reply, actorOf(request), idOf(request), { values: { q: "", subjectIds: [] }, search: false }, DONE[queryOf(request).done ?? ""]),
  );

  /** Search (which changes nothing), or add the people selected from what it found to those already named. */
  app.post("/breaches/:id/people", async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const current = await breachSubjectIds(db, actor, id);
    const body = bodyOf(request);
    const values = { q: str(body, "q").trim(), subjectIds: list(body, "subjectIds") };
    if (str(body, "action") !== "add") return page(reply, actor, id, { values, search: true });
    return withFormErrors(
      reply,
      (summary) => page(reply, actor, id, { values, search: true, summary }),
      async () => {
        if (!values.subjectIds.length) throw new ValidationError([{ path: "/subjectIds", message: words.forms.selectPeople }]);
        await updateBreachFacts(db, actor, id, { subjectIds: [...new Set([...current, ...values.subjectIds])] });
        return reply.redirect(`/breaches/${id}/people?done=added`, 303);
      },
      { mapPath: toPeopleFound, onePerField: true, leadWithMessage: true },
    );
  });

  /** Removes one person from those the breach names. */
  app.post("/breaches/:id/people/remove", async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const current = await breachSubjectIds(db, actor, id);
    const subjectId = str(bodyOf(request), "subjectId");
    // Already gone (a second press of the button): nothing to change.
    if (!current.includes(subjectId)) return reply.redirect(`/breaches/${id}/people`, 303);
    return withFormErrors(
      reply,
      (summary) => page(reply, actor, id, { values: { q: "", subjectIds: [] }, search: false, summary }),
      async () => {
        await updateBreachFacts(db, actor, id, { subjectIds: current.filter((s) => s !== subjectId) });
        return reply.redirect(`/breaches/${id}/people?done=removed`, 303);
      },
      { mapPath: toPeopleFound, onePerField: true, leadWithMessage: true },
    );
  });
}
