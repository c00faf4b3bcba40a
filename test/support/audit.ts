import { desc, eq } from "drizzle-orm";
import type { Db } from "../../src/platform/db/client";
import { auditEvents } from "../../src/platform/db/schema";

/**
 * The audit events of one type, newest first, as their parsed bodies. `withOrganisationId` adds
 * the organisation whose trail each event is in (the row's `organisation_id`), for tests that ask
 * whose trail an event went to.
 */
export async function auditEventsOfType(db: Db, type: string, { withOrganisationId = false } = {}) {
  const rows = await db
    .select({ body: auditEvents.body, organisationId: auditEvents.organisationId })
    .from(auditEvents)
    .where(eq(auditEvents.type, type))
    .orderBy(desc(auditEvents.seq));
  return rows.map((r) => (withOrganisationId ? { ...JSON.parse(r.body), organisationId: r.organisationId } : JSON.parse(r.body)));
}
