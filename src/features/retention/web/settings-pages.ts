import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotFoundError, ValidationError } from "../../../platform/errors";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  type ErrorSummary,
  errorSummary,
  type FormBody,
  fieldErrorsOf,
  formHelpers,
  list,
  parseForm,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { searchSubjects } from "../../records";
import { HOLD_SCOPES } from "../domain/holds";
import { RETENTION_MESSAGES } from "../domain/messages";
import { periodWords } from "../domain/period";
import { RETENTION_RULES } from "../domain/rules";
import { RETENTION_ACTIONS, RETENTION_CATEGORIES, RETENTION_TRIGGERS, type RetentionCategory } from "../domain/schedule";
import { HOLD_READ_ROLES, type HoldView, liftHold, loadHolds, maySetScope, setHold, viewChosenPeople, viewHold } from "../services/holds";
import {
  changeRule,
  loadSchedule,
  loadScheduleRule,
  readsSchedule,
  resetRule,
  SCHEDULE_READ_ROLES,
  type ScheduleRule,
  warningsFor,
} from "../services/schedule";

const words = RETENTION_MESSAGES.en;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A rule as the schedule and its form show it: in words, never codes. */
function ruleWords(rule: ScheduleRule) {
  return {
    category: rule.category,
    title: words.category[rule.category],
    runsFrom: capitalise(words.trigger[rule.trigger]),
    period: periodWords(rule.periodMonths),
    atTheEnd: words.action[rule.action],
    disposalMethod: rule.disposalMethod,
    source: rule.source,
    isDefault: rule.isDefault,
    belowMinimum: rule.belowMinimum,
    minimum: periodWords(rule.minimumMonths),
    warnings: warningsFor(rule).map((w) => ({ ...w, rule: RETENTION_RULES[w.code] })),
  };
}

/** The category in the address, if it is one; otherwise the page is not found. */
function categoryOf(request: FastifyRequest): RetentionCategory {
  const { category } = request.params as { category?: string };
  const found = RETENTION_CATEGORIES.find((c) => c === category);
  if (!found) throw new NotFoundError("The retention rule");
  return found;
}

interface RuleFormValues {
  trigger: string;
  years: string;
  months: string;
  action: string;
  disposalMethod: string;
  source: string;
}

const ruleValuesOf = (rule: ScheduleRule): RuleFormValues => ({
  trigger: rule.trigger,
  years: String(Math.floor(rule.periodMonths / 12)),
  months: String(rule.periodMonths % 12),
  action: rule.action,
  disposalMethod: rule.disposalMethod,
  source: rule.source,
});

/** The period's two boxes as months; a box that is not a whole number is the period's own error. */
function periodMonthsOf(values: RuleFormValues): number {
  const [years, months] = [values.years.trim() || "0", values.months.trim() || "0"];
  if (!/^\d{1,4}$/.test(years) || !/^\d{1,4}$/.test(months)) {
    throw new ValidationError([
      { path: "/periodMonths", message: "Enter the period in whole years and months, like 25 years and 0 months" },
    ]);
  }
  return Number(years) * 12 + Number(months);
}

/** What a hold covers, in words. */
function coversWords(hold: HoldView): string {
  switch (hold.scope) {
    case "SUBJECTS":
      return hold.subjects === 1 ? "1 person's file" : `${hold.subjects} people's files`;
    case "CATEGORIES":
      return hold.categories.map((c) => words.category[c]).join(", ");
    default:
      return words.holdScope[hold.scope];
  }
}

const holdWords = (hold: HoldView) => ({
  ...hold,
  covers: coversWords(hold),
  scopeText: words.holdScope[hold.scope],
  categoryWords: hold.categories.map((c) => words.category[c]),
});

interface HoldFormValues {
  name: string;
  instruction: string;
  scope: string;
  subjectIds: string[];
  categories: string[];
  q: string;
}

/**
 * The organisation's retention schedule and legal holds (issue 21): IG leads change the schedule (and
 * auditors read it); IG leads set and lift their organisation's holds, partnership administrators
 * partnership-wide ones. The review queue and disposals are pages of their own under /retention.
 */
export async function retentionSettingsPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const readsRetention = { preHandler: requireActor([...new Set([...SCHEDULE_READ_ROLES, ...HOLD_READ_ROLES])]) };
  const changesSchedule = { preHandler: requireActor(["ig_lead"]) };
  const readsHolds = { preHandler: requireActor(HOLD_READ_ROLES) };

  // ---- The schedule ----

  app.get("/retention", readsRetention, async (request, reply) => {
    const actor = actorOf(request);
    // A partnership administrator who is not also an IG lead or auditor has only the holds here.
    if (!readsSchedule(actor)) return reply.redirect("/retention/holds");
    const query = queryOf(request);
    const reset = RETENTION_CATEGORIES.find((c) => c === query.reset);
    return reply.view("retention/schedule", {
      rules: (await loadSchedule(db, actor)).map(ruleWords),
      mayChange: actor.roles.includes("ig_lead"),
      outcome: reset ? `${words.category[reset]}: the default rule applies again.` : undefined,
    });
  });

  const ruleFormContext = (rule: ScheduleRule) => ({
    ...formHelpers,
    rule: ruleWords(rule),
    triggerOptions: RETENTION_TRIGGERS.map((value) => ({ value, text: capitalise(words.trigger[value]) })),
    actionOptions: RETENTION_ACTIONS.map((value) => ({ value, text: words.action[value] })),
  });

  app.get("/retention/rules/:category", changesSchedule, async (request, reply) => {
    const rule = await loadScheduleRule(db, actorOf(request), categoryOf(request));
    return reply.view("retention/rule", {
      ...ruleFormContext(rule),
      values: ruleValuesOf(rule),
      saved: queryOf(request).saved === "1",
    });
  });

  app.post("/retention/rules/:category", changesSchedule, async (request, reply) => {
    const actor = actorOf(request);
    const category = categoryOf(request);
    const rule = await loadScheduleRule(db, actor, category);
    const body = bodyOf(request);
    const values: RuleFormValues = {
      trigger: str(body, "trigger"),
      years: str(body, "years"),
      months: str(body, "months"),
      action: str(body, "action"),
      disposalMethod: str(body, "disposalMethod"),
      source: str(body, "source"),
    };
    return withFormErrors(
      reply,
      (summary) => reply.view("retention/rule", { ...ruleFormContext(rule), values, ...summary }),
      async () => {
        await changeRule(db, actor, category, {
          trigger: values.trigger || undefined,
          periodMonths: periodMonthsOf(values),
          action: values.action || undefined,
          disposalMethod: values.disposalMethod,
          source: values.source,
        });
        return reply.redirect(`/retention/rules/${category}?saved=1`, 303);
      },
      // The period is two boxes: its errors link to the first.
      { onePerField: true, hrefFor: (_path, id) => (id === "periodMonths" ? "#years" : `#${id}`) },
    );
  });

  app.post("/retention/rules/:category/reset", changesSchedule, async (request, reply) => {
    const category = categoryOf(request);
    await resetRule(db, actorOf(request), category);
    return reply.redirect(`/retention?reset=${category}`, 303);
  });

  // ---- Legal holds ----

  app.get("/retention/holds", readsHolds, async (request, reply) => {
    const actor = actorOf(request);
    const range = { page: 1, pageSize: 200 };
    const [active, lifted] = await Promise.all([
      loadHolds(db, actor, { ...range, lifted: false }),
      loadHolds(db, actor, { ...range, lifted: true }),
    ]);
    return reply.view("retention/holds", {
      active: active.rows.map(holdWords),
      activeTotal: active.total,
      lifted: lifted.rows.map(holdWords),
      liftedTotal: lifted.total,
      maySet: HOLD_SCOPES.some((s) => maySetScope(actor, s)),
      readsSchedule: readsSchedule(actor),
    });
  });

  const scopeOptions = (actor: Actor) =>
    HOLD_SCOPES.filter((s) => maySetScope(actor, s)).map((value) => ({ value, text: words.holdScope[value] }));

  /** The hold form: the people chosen so far (and any found by a search), the categories the organisation holds. */
  const holdFormContext = async (actor: Actor, values: HoldFormValues, search: boolean) => {
    const chosen = await viewChosenPeople(db, actor, values.subjectIds, "web.retention.hold.people");
    let found: typeof chosen = [];
    let searchErrors: ErrorSummary | undefined;
    if (search) {
      try {
        const { rows } = await searchSubjects(db, actor, { q: values.q }, { page: 1, pageSize: 20 }, "web.retention.hold.people");
        found = rows.map((r) => ({ id: r.id, name: `${r.givenNames} ${r.familyName}`, dateOfBirth: r.dateOfBirth }));
      } catch (error) {
        const refusal = fieldErrorsOf(error);
        if (!refusal) throw error;
        searchErrors = errorSummary(refusal.fieldErrors);
      }
    }
    const people = [...chosen, ...found.filter((f) => !chosen.some((c) => c.id === f.id))].map((p) => ({
      value: p.id,
      text: p.name,
      hint: p.dateOfBirth ? `Born ${ukDate(p.dateOfBirth)}` : undefined,
    }));
    const schedule = readsSchedule(actor) ? await loadSchedule(db, actor) : [];
    return {
      ...formHelpers,
      ...searchErrors,
      scopeOptions: scopeOptions(actor),
      people,
      searched: search && !searchErrors,
      categoryOptions: schedule.map((r) => ({ value: r.category, text: words.category[r.category] })),
    };
  };

  const holdValuesOf = (body: FormBody): HoldFormValues => ({
    name: str(body, "name"),
    instruction: str(body, "instruction"),
    scope: str(body, "scope"),
    subjectIds: list(body, "subjectIds"),
    categories: list(body, "categories"),
    q: str(body, "q").trim(),
  });

  const setsHolds = { preHandler: requireActor(["ig_lead", "partnership_admin"]) };

  app.get("/retention/holds/new", setsHolds, async (request, reply) => {
    const actor = actorOf(request);
    const values: HoldFormValues = { name: "", instruction: "", scope: "", subjectIds: [], categories: [], q: "" };
    return reply.view("retention/hold-new", { ...(await holdFormContext(actor, values, false)), values });
  });

  app.post("/retention/holds/new", setsHolds, async (request, reply) => {
    const actor = actorOf(request);
    const body = bodyOf(request);
    const values = holdValuesOf(body);
    // "Search" finds people to choose; it saves nothing and keeps everything typed.
    if (str(body, "action") === "search") {
      // The search is within "Chosen people's files": it opens that choice unless another was made.
      const searching = { ...values, scope: values.scope || "SUBJECTS" };
      return reply.view("retention/hold-new", { ...(await holdFormContext(actor, searching, true)), values: searching });
    }
    const context = await holdFormContext(actor, values, false);
    return withFormErrors(
      reply,
      (summary) => reply.view("retention/hold-new", { ...context, values, ...summary }),
      async () => {
        const id = await setHold(db, actor, {
          name: values.name,
          instruction: values.instruction,
          scope: values.scope || undefined,
          subjectIds: values.subjectIds,
          categories: values.categories,
        });
        return reply.redirect(`/retention/holds/${id}?set=1`, 303);
      },
      { onePerField: true },
    );
  });

  const holdPage = async (reply: FastifyReply, actor: Actor, id: string, extra: Record<string, unknown>) => {
    const hold = await viewHold(db, actor, id, "web.retention.hold");
    return reply.view("retention/hold", {
      hold: {
        ...holdWords(hold),
        people: hold.people,
        setOn: ukDate(hold.setAt),
        liftedOn: hold.lifted ? ukDate(hold.lifted.at) : null,
      },
      values: { reason: "" },
      ...extra,
    });
  };

  app.get("/retention/holds/:id", readsHolds, async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const query = queryOf(request);
    return holdPage(reply, actorOf(request), id, {
      outcome: query.set === "1" ? "Legal hold set." : query.lifted === "1" ? "Legal hold lifted." : undefined,
    });
  });

  app.post("/retention/holds/:id/lift", readsHolds, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const reason = str(bodyOf(request), "reason");
    return withFormErrors(
      reply,
      (summary) => holdPage(reply, actor, id, { ...summary, values: { reason } }),
      async () => {
        await liftHold(db, actor, id, { reason });
        return reply.redirect(`/retention/holds/${id}?lifted=1`, 303);
      },
      { onePerField: true, orAt: { path: "/reason", message: words.holds.alreadyLifted } },
    );
  });
}
