import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Db, Queryable } from "../../../platform/db/client";
import { ownedBy, visibleTo } from "../../../platform/db/scope";
import { NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import type { OrganisationType } from "../../organisations-and-users/domain";
import { organisations } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { RETENTION_MESSAGES } from "../domain/messages";
import { periodWords } from "../domain/period";
import {
  categoriesHeldBy,
  DEFAULT_RULES,
  effectiveSchedule,
  MINIMUM_MONTHS,
  type RetentionCategory,
  type RetentionRule,
  shorterThanMinimum,
  triggersFor,
} from "../domain/schedule";
import { type RuleChangeInput, ruleChangeInput } from "../domain/schedule-inputs";
import { retentionRules } from "../schema";

const words = RETENTION_MESSAGES.en;

/** Who reads an organisation's schedule: its IG leads, who change it, and its auditors. */
export const SCHEDULE_READ_ROLES: readonly Role[] = ["ig_lead", "auditor"];

/** One rule of an organisation's schedule as it applies: its own, or the shipped default. */
export interface ScheduleRule extends RetentionRule {
  /** No change of the organisation's own: the shipped default applies. */
  isDefault: boolean;
  /** Shorter than the category's recommended minimum (`RET-MINIMUM`). */
  belowMinimum: boolean;
  /** The category's recommended minimum, in months. */
  minimumMonths: number;
}

/** A warning about a change that was saved all the same: its rule code and what it means, in a sentence. */
export interface RuleWarning {
  code: "RET-MINIMUM";
  message: string;
}

const asRule = (row: typeof retentionRules.$inferSelect): RetentionRule => ({
  category: row.category,
  trigger: row.trigger,
  periodMonths: row.periodMonths,
  action: row.action,
  disposalMethod: row.disposalMethod,
  source: row.source,
});

const withFlags = (rule: RetentionRule, own: boolean): ScheduleRule => ({
  ...rule,
  isDefault: !own,
  belowMinimum: shorterThanMinimum(rule),
  minimumMonths: MINIMUM_MONTHS[rule.category],
});

/**
 * An organisation's schedule as it applies, for work on the organisation's own files (the review
 * queue, disposal): no actor is checked and nothing is recorded. Reads in the caller's transaction.
 */
async function loadOrganisationSchedule(q: Queryable, organisationId: string, organisationType: OrganisationType): Promise<ScheduleRule[]> {
  const rows = await q.select().from(retentionRules).where(ownedBy(organisationId, retentionRules));
  const own = rows.map(asRule);
  return effectiveSchedule(organisationType, own).map((rule) =>
    withFlags(
      rule,
      own.some((r) => r.category === rule.category),
    ),
  );
}

/** An organisation's type, name and the schedule in force for it (the review queue and disposals read it in their transaction). */
export async function scheduleOf(
  q: Queryable,
  organisationId: string,
): Promise<{ type: OrganisationType; name: string; rules: ScheduleRule[] }> {
  const [org] = await q
    .select({ type: organisations.type, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw new NotFoundError("The organisation");
  return { ...org, rules: await loadOrganisationSchedule(q, organisationId, org.type) };
}

function assertReads(actor: Actor): void {
  if (!hasAnyRole(actor.roles, SCHEDULE_READ_ROLES))
    throw new NotPermittedError("Only IG leads and auditors can see the retention schedule");
}

function assertChanges(actor: Actor): void {
  if (!actor.roles.includes("ig_lead")) throw new NotPermittedError("Only an IG lead can change the retention schedule");
}

/** Whether the actor may read the schedule (the pages offer it, or only the legal holds). */
export const readsSchedule = (actor: Actor): boolean => hasAnyRole(actor.roles, SCHEDULE_READ_ROLES);

/** The actor's organisation's schedule: each category it holds, with its rule and whether it is the default. */
export async function loadSchedule(db: Db, actor: Actor): Promise<ScheduleRule[]> {
  assertReads(actor);
  return (await scheduleOf(db, actor.organisationId)).rules;
}

/** One category's rule as it applies to the actor's organisation; not found for a category it does not hold. */
export async function loadScheduleRule(db: Db, actor: Actor, category: RetentionCategory): Promise<ScheduleRule> {
  const rule = (await loadSchedule(db, actor)).find((r) => r.category === category);
  if (!rule) throw new NotFoundError("The retention rule");
  return rule;
}

/** The warnings a rule earns: today only a period shorter than the category's minimum. */
export function warningsFor(rule: Pick<RetentionRule, "category" | "periodMonths">): RuleWarning[] {
  if (!shorterThanMinimum(rule)) return [];
  return [
    {
      code: "RET-MINIMUM",
      message: message(words, "schedule.belowMinimum", { minimum: periodWords(MINIMUM_MONTHS[rule.category]) }),
    },
  ];
}

/**
 * Changes one of the organisation's rules (its IG lead only), for a category it holds. A period
 * shorter than the category's minimum is saved with a warning (`RET-MINIMUM`), not refused.
 */
export async function changeRule(
  db: Db,
  actor: Actor,
  category: RetentionCategory,
  raw: unknown,
): Promise<{ rule: ScheduleRule; warnings: RuleWarning[] }> {
  assertChanges(actor);
  const held = categoriesHeldBy((await scheduleOf(db, actor.organisationId)).type);
  if (!held.includes(category)) throw new NotFoundError("The retention rule");
  const input: RuleChangeInput = ruleChangeInput.parse(raw);
  if (!triggersFor(category).includes(input.trigger)) {
    throw new ValidationError([
      {
        path: "/trigger",
        message:
          category === "DISCLOSED_COPY"
            ? "A copy of shared information is kept from the date it was received"
            : "A person's file is kept from their date of birth, the date the case closed or the date of its last entry",
      },
    ]);
  }
  const rule: RetentionRule = { category, ...input };
  const belowMinimum = shorterThanMinimum(rule);
  await inTransaction(db, async (tx, audit) => {
    const values = { ...input, updatedByUserId: actor.userId, updatedAt: new Date() };
    await tx
      .insert(retentionRules)
      .values({ organisationId: actor.organisationId, category, ...values })
      .onConflictDoUpdate({ target: [retentionRules.organisationId, retentionRules.category], set: values });
    audit.record(snapshotOf(actor), {
      type: "retention.rule_changed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { category, trigger: input.trigger, periodMonths: input.periodMonths, action: input.action, belowMinimum },
    });
  });
  return { rule: withFlags(rule, true), warnings: warningsFor(rule) };
}

/** Puts a category's rule back to the shipped default (its IG lead only); nothing happens if it already is. */
export async function resetRule(db: Db, actor: Actor, category: RetentionCategory): Promise<ScheduleRule> {
  assertChanges(actor);
  const held = categoriesHeldBy((await scheduleOf(db, actor.organisationId)).type);
  if (!held.includes(category)) throw new NotFoundError("The retention rule");
  await inTransaction(db, async (tx, audit) => {
    const removed = await tx
      .delete(retentionRules)
      .where(and(visibleTo(actor, retentionRules), eq(retentionRules.category, category)))
      .returning({ id: retentionRules.id });
    if (removed.length)
      audit.record(snapshotOf(actor), {
        type: "retention.rule_reset",
        entity: { type: "organisation", id: actor.organisationId },
        details: { category },
      });
  });
  return withFlags(DEFAULT_RULES[category], false);
}
