import { eq, getTableName, type SQL, sql, type Table } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { agreementParties, agreements } from "../../features/agreements/schema";
import { users } from "../../features/organisations-and-users/schema";
import { chronologyEntries, concerns, recordItems, subjectLinks, subjects } from "../../features/records/schema";
import { rightsRequests } from "../../features/rights/schema";
import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import { auditEvents } from "./schema";

interface OwnershipRule {
  /** The column naming the organisation that owns the row. */
  owner: PgColumn;
  /** Roles that see every organisation's rows in this table; everyone else sees only their own. */
  partnershipWide: readonly Role[];
}

/**
 * Every organisation-owned table and who may see which of its rows. Queries call `visibleTo`
 * instead of remembering a tenancy check, and a table missing here fails loudly on first use.
 * A row outside the actor's scope is simply not found (404), so its existence is not revealed.
 */
const OWNERSHIP = new Map<Table, OwnershipRule>([
  [users, { owner: users.organisationId, partnershipWide: ["partnership_admin"] }],
  [auditEvents, { owner: auditEvents.organisationId, partnershipWide: ["partnership_admin"] }],
  // Records about people: never partnership-wide, not even for partnership admins, who administer
  // the service but hold no case role. Other organisations see them only through disclosures.
  [subjects, { owner: subjects.organisationId, partnershipWide: [] }],
  [subjectLinks, { owner: subjectLinks.organisationId, partnershipWide: [] }],
  [recordItems, { owner: recordItems.organisationId, partnershipWide: [] }],
  [concerns, { owner: concerns.organisationId, partnershipWide: [] }],
  [chronologyEntries, { owner: chronologyEntries.organisationId, partnershipWide: [] }],
  // Each organisation answers for its own data: its IG leads see its part of a request, no one else's.
  [rightsRequests, { owner: rightsRequests.organisationId, partnershipWide: [] }],
]);

/**
 * Agreements are partnership documents with their own rule (issue 3): the owner, parties and
 * partnership admins see drafts; once an agreement has come into force every member may see it, because sharing is
 * checked against it.
 */
function agreementVisibleTo(actor: Actor): SQL {
  if (actor.roles.includes("partnership_admin")) return sql`true`;
  return sql`(${agreements.inForceVersion} is not null or ${agreements.ownerOrganisationId} = ${actor.organisationId} or exists (select 1 from ${agreementParties} where ${agreementParties.agreementId} = ${agreements.id} and ${agreementParties.organisationId} = ${actor.organisationId}))`;
}

export function visibleTo(actor: Actor, table: Table): SQL {
  if (table === agreements) return agreementVisibleTo(actor);
  const rule = OWNERSHIP.get(table);
  if (!rule) throw new Error(`${getTableName(table)} has no ownership rule in src/platform/db/scope.ts`);
  if (actor.roles.some((role) => rule.partnershipWide.includes(role))) return sql`true`;
  return eq(rule.owner, actor.organisationId);
}
