import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { RETENTION_CATEGORIES } from "../domain/schedule";
import { ruleChangeInput } from "../domain/schedule-inputs";
import { changeRule, loadSchedule, resetRule, type ScheduleRule } from "../services/schedule";
import { ruleSchema } from "./review-schema";

const scheduleRuleSchema = ruleSchema
  .extend({
    isDefault: z.boolean().describe("The shipped default applies: your organisation has not changed this rule"),
    belowMinimum: z.boolean().describe("The period is shorter than the category's recommended minimum (RET-MINIMUM)"),
    minimumMonths: z.number().int().describe("The category's recommended minimum period, in months"),
  })
  .meta({ id: "RetentionRule" });

const warningSchema = z
  .object({ code: z.enum(["RET-MINIMUM"]), message: z.string() })
  .meta({ id: "RetentionWarning", description: "Saved, but worth a second look" });

const presentRule = (r: ScheduleRule): z.infer<typeof scheduleRuleSchema> => ({
  category: r.category,
  trigger: r.trigger,
  periodMonths: r.periodMonths,
  action: r.action,
  disposalMethod: r.disposalMethod,
  source: r.source,
  isDefault: r.isDefault,
  belowMinimum: r.belowMinimum,
  minimumMonths: r.minimumMonths,
});

const categoryParams = z.object({ category: z.enum(RETENTION_CATEGORIES, { error: "Must be a retention category" }) });

/** The organisation's retention schedule (issue 21): IG leads and auditors read it, IG leads change it. */
export async function scheduleApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["retention"];

  app.get(
    "/retention/schedule",
    {
      schema: {
        operationId: "getRetentionSchedule",
        tags,
        summary: "Your organisation's retention schedule: each category it holds, with its rule, its source and whether it is the default",
        response: { 200: z.object({ rules: z.array(scheduleRuleSchema) }).meta({ id: "RetentionSchedule" }), ...standardErrors },
      },
    },
    async (request) => ({ rules: (await loadSchedule(db, actorOf(request))).map(presentRule) }),
  );
  app.put(
    "/retention/schedule/:category",
    {
      schema: {
        operationId: "changeRetentionRule",
        tags,
        summary:
          "Change one of your organisation's retention rules (IG leads); a period shorter than the recommended minimum is saved with a warning",
        params: categoryParams,
        body: ruleChangeInput,
        response: {
          200: z.object({ rule: scheduleRuleSchema, warnings: z.array(warningSchema) }).meta({ id: "RetentionRuleChanged" }),
          ...standardErrors,
        },
      },
    },
    async (request) => {
      const { rule, warnings } = await changeRule(db, actorOf(request), request.params.category, request.body);
      return { rule: presentRule(rule), warnings: warnings.map((w) => ({ code: w.code, message: w.message })) };
    },
  );
  app.delete(
    "/retention/schedule/:category",
    {
      schema: {
        operationId: "resetRetentionRule",
        tags,
        summary: "Put one of your organisation's retention rules back to the shipped default (IG leads)",
        params: categoryParams,
        response: noContentOr(standardErrors),
      },
    },
    async (request, reply) => noContentAfter(reply, resetRule(db, actorOf(request), request.params.category)),
  );
}
