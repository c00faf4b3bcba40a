import type { FastifyInstance, FastifyRequest } from "fastify";
import { datePartsFrom, emptyDateParts, isoFromParts } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotPermittedError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, formHelpers, idParam, list, optionsOf, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { levelsOfNeed } from "../../settings";
import type { LevelOfNeed } from "../../settings/domain";
import { CONCERN_CATEGORIES, CONCERN_CATEGORY_LABELS, CONCERN_STATUS_LABELS } from "../domain/records";
import { loadSubject, viewSubjectRow } from "../services/access";
import { acknowledgeConcern, type Concern, closeConcern, raiseConcern, viewConcern, viewConcerns } from "../services/concerns";
import { CONCERN_STATUS_TAGS, RECORD_FORM, subjectHeader, subjectIdOf } from "./record-pages";

const OUTCOMES: Record<string, string> = {
  raised: "Concern raised. Your organisation's safeguarding leads have been alerted on their dashboard.",
  acknowledged: "Concern acknowledged and the follow-up action recorded.",
  closed: "Concern closed with its outcome.",
};

const categoryOptions = optionsOf(CONCERN_CATEGORIES, CONCERN_CATEGORY_LABELS);

function presentConcern(c: Concern, scale: readonly LevelOfNeed[]) {
  return {
    ...c,
    categoryLabel: CONCERN_CATEGORY_LABELS[c.category],
    statusLabel: CONCERN_STATUS_LABELS[c.status],
    statusTag: CONCERN_STATUS_TAGS[c.status],
    levelOfNeedLabel: scale.find((l) => l.code === c.levelOfNeed)?.label ?? c.levelOfNeed,
  };
}

const concernIdOf = (request: FastifyRequest) => idParam(request, "concernId", "The concern");

/** A child's concerns; raising one; and, for safeguarding leads, acknowledging and closing them. */
export async function concernPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/subjects/:id/concerns", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const [concerns, scale] = await Promise.all([viewConcerns(db, actor, id, "web.subjects.concerns"), levelsOfNeed(db)]);
    return reply.view("records/concerns", {
      ...subjectHeader(subject, actor, "concerns"),
      concerns: concerns.map((c) => presentConcern(c, scale)),
      isSafeguardingLead: actor.roles.includes("safeguarding_lead"),
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
    });
  });

  const newContext = async () => ({
    ...formHelpers,
    categoryOptions,
    levelOptions: (await levelsOfNeed(db)).map((l) => ({ value: l.code, text: l.label })),
  });

  app.get("/subjects/:id/concerns/new", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.subjects.concerns.new");
    return reply.view("records/concern-new", {
      ...(await newContext()),
      ...subjectHeader(subject, actor),
      values: { category: "", description: "", levelOfNeed: "", noticedOn: emptyDateParts() },
    });
  });

  app.post("/subjects/:id/concerns/new", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.subjects.concerns.new");
    const body = bodyOf(request);
    const values = {
      category: str(body, "category"),
      description: str(body, "description"),
      levelOfNeed: str(body, "levelOfNeed"),
      noticedOn: datePartsFrom(body, "noticedOn"),
    };
    const acknowledged = list(body, "acknowledged");
    return withFormErrors(
      reply,
      async (summary) =>
        reply.view("records/concern-new", { ...(await newContext()), ...subjectHeader(subject, actor), values, acknowledged, ...summary }),
      async () => {
        await raiseConcern(db, actor, id, {
          category: values.category || undefined,
          description: values.description,
          levelOfNeed: values.levelOfNeed,
          noticedOn: isoFromParts(values.noticedOn),
          acknowledgedWarnings: acknowledged,
        });
        return reply.redirect(`/subjects/${id}/concerns?outcome=raised`, 303);
      },
      // "Concerns are raised about a child" comes back on the subject: say it at the top of the form.
      { ...RECORD_FORM, dateFields: ["noticedOn"], mapPath: (path) => (path === "/subjectId" ? "/category" : path) },
    );
  });

  /** Acknowledging (with the follow-up action) and closing (with the outcome): one page each, for safeguarding leads. */
  const STEPS = {
    acknowledge: {
      field: "followUpAction",
      outcome: "acknowledged",
      run: acknowledgeConcern,
      title: "Acknowledge the concern",
      label: "What will happen next?",
      hint: "The follow-up action: for example, speak to the child's parent, refer to early help, or make a referral to children's social care.",
      button: "Acknowledge concern",
    },
    close: {
      field: "outcome",
      outcome: "closed",
      run: closeConcern,
      title: "Record the outcome and close the concern",
      label: "What was the outcome?",
      hint: "What was done and what happened as a result. The concern stays on the child's record and chronology.",
      button: "Close concern",
    },
  } as const;

  for (const [step, s] of Object.entries(STEPS)) {
    const path = `/subjects/:id/concerns/:concernId/${step}`;
    const load = async (request: FastifyRequest) => {
      const actor = actorOf(request);
      const id = subjectIdOf(request);
      const concernId = concernIdOf(request);
      const subject = await loadSubject(db, actor, id);
      if (!actor.roles.includes("safeguarding_lead"))
        throw new NotPermittedError("Only a safeguarding lead acknowledges concerns and records their outcome");
      const [concern, scale] = await Promise.all([viewConcern(db, actor, id, concernId, "web.subjects.concern"), levelsOfNeed(db)]);
      return { actor, id, concernId, subject, concern: presentConcern(concern, scale) };
    };
    const render = (context: Awaited<ReturnType<typeof load>>, value: string, extra = {}) => ({
      ...subjectHeader(context.subject, context.actor),
      concern: context.concern,
      step: { ...s, name: step, run: undefined },
      value,
      ...extra,
    });

    app.get(path, async (request, reply) => {
      const context = await load(request);
      return reply.view("records/concern-action", render(context, ""));
    });

    app.post(path, async (request, reply) => {
      const context = await load(request);
      const value = str(bodyOf(request), s.field);
      return withFormErrors(
        reply,
        (summary) => reply.view("records/concern-action", render(context, value, summary)),
        async () => {
          await s.run(db, context.actor, context.id, context.concernId, { [s.field]: value });
          return reply.redirect(`/subjects/${context.id}/concerns?outcome=${s.outcome}#concern-${context.concernId}`, 303);
        },
        RECORD_FORM,
      );
    });
  }
}
