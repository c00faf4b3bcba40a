import { eq } from "drizzle-orm";
import type { Queryable } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import type { OrganisationType } from "../../organisations-and-users/domain";
import { organisations } from "../../organisations-and-users/schema";
import { effectiveSchedule, type RetentionRule } from "../domain/schedule";
import { retentionRules } from "../schema";

/** An organisation's type, name and the schedule in force for it: its own rules over the shipped defaults. */
export async function loadOrganisationSchedule(
  q: Queryable,
  organisationId: string,
): Promise<{ type: OrganisationType; name: string; rules: RetentionRule[] }> {
  const [organisation] = await q
    .select({ type: organisations.type, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw new NotFoundError("The organisation");
  const own = await q
    .select({
      category: retentionRules.category,
      trigger: retentionRules.trigger,
      periodMonths: retentionRules.periodMonths,
      action: retentionRules.action,
      disposalMethod: retentionRules.disposalMethod,
      source: retentionRules.source,
    })
    .from(retentionRules)
    .where(eq(retentionRules.organisationId, organisationId));
  return { ...organisation, rules: effectiveSchedule(organisation.type, own) };
}
