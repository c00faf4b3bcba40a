import { eq, getTableName, or, type SQL, sql, type Table } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { agreementParties, agreements } from "../../features/agreements/schema";
import { apiClients } from "../../features/api-clients/schema";
import { breaches, breachItems, breachNotices, breachParties, breachReports, breachSubjects } from "../../features/breaches/schema";
import { notifications } from "../../features/notifications/schema";
import { users } from "../../features/organisations-and-users/schema";
import { chronologyEntries, concerns, recordItems, subjectLinks, subjects } from "../../features/records/schema";
import { anonymisedRecords, disposalBatches, legalHolds, retentionKeeps, retentionRules } from "../../features/retention/schema";
import { recipientNotices, rightsProcessingDecisions, rightsRequests } from "../../features/rights/schema";
import {
  disclosureChases,
  disclosureQuestions,
  disclosures,
  informationRequests,
  shareApprovalRules,
  shareDecisionAddenda,
  shareDecisions,
} from "../../features/sharing/schema";
import { webhookEndpoints } from "../../features/webhooks/schema";
import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";
import { auditEvents } from "./schema";

/**
 * The part an organisation plays in a row it may see: its `owner`, or one side of something that
 * passes between two organisations (a disclosure's sender and recipient, an information request's
 * requesting and requested organisation).
 */
export type Party = "owner" | "sender" | "recipient" | "requesting" | "requested";

interface OwnershipRule {
  /** The columns naming the organisations a row belongs to, by the part each plays: each of them sees it. */
  parties: Partial<Record<Party, PgColumn>>;
  /** Roles that see every organisation's rows in this table; everyone else sees only their own. */
  partnershipWide: readonly Role[];
  /** Rows visible beyond the organisations that own them, for tables whose rule says so. */
  alsoVisibleTo?: (actor: Actor) => SQL;
}

const owned = (owner: PgColumn, partnershipWide: readonly Role[] = []): OwnershipRule => ({ parties: { owner }, partnershipWide });

/**
 * Every organisation-owned table and who may see which of its rows. Queries call `visibleTo`
 * instead of remembering a tenancy check, and a table missing here fails loudly on first use.
 * A row outside the actor's scope is simply not found (404), so its existence is not revealed.
 * test/db/platform/tenancy.test.ts fails when a table with an organisation column is neither here nor
 * listed there as deliberately unscoped.
 */
const OWNERSHIP = new Map<Table, OwnershipRule>([
  [users, owned(users.organisationId, ["partnership_admin"])],
  [auditEvents, owned(auditEvents.organisationId, ["partnership_admin"])],
  // Partner systems' clients: administered like the organisation's users.
  [apiClients, owned(apiClients.organisationId, ["partnership_admin"])],
  // Where an organisation's systems are told of events: its own administrators only, never partnership-wide.
  [webhookEndpoints, owned(webhookEndpoints.organisationId)],
  // Agreements are partnership documents (issue 3): the owner, parties and partnership admins see
  // drafts; once one has come into force every member may see it, because sharing is checked against it.
  [
    agreements,
    {
      parties: { owner: agreements.ownerOrganisationId },
      partnershipWide: ["partnership_admin"],
      alsoVisibleTo: (actor) =>
        sql`(${agreements.inForceVersion} is not null or exists (select 1 from ${agreementParties} where ${agreementParties.agreementId} = ${agreements.id} and ${agreementParties.organisationId} = ${actor.organisationId}))`,
    },
  ],
  // Records about people: never partnership-wide, not even for partnership admins, who administer
  // the service but hold no case role. Other organisations see them only through disclosures.
  [subjects, owned(subjects.organisationId)],
  [subjectLinks, owned(subjectLinks.organisationId)],
  [recordItems, owned(recordItems.organisationId)],
  [concerns, owned(concerns.organisationId)],
  [chronologyEntries, owned(chronologyEntries.organisationId)],
  // A decision and its addenda are the deciding organisation's record (its recipient column says who
  // it was about sending to, not who may read it): the recipient sees only the disclosure.
  [shareDecisions, owned(shareDecisions.organisationId)],
  [shareDecisionAddenda, owned(shareDecisionAddenda.organisationId)],
  [shareApprovalRules, owned(shareApprovalRules.organisationId)],
  // What passes between two organisations: each side sees it (who at the recipient reads it is a
  // further rule of the service: the named person and the safeguarding leads).
  [
    disclosures,
    { parties: { sender: disclosures.senderOrganisationId, recipient: disclosures.recipientOrganisationId }, partnershipWide: [] },
  ],
  // A recipient's question about a disclosure and the sender's answer: a conversation between the two sides.
  [
    disclosureQuestions,
    {
      parties: { sender: disclosureQuestions.senderOrganisationId, recipient: disclosureQuestions.recipientOrganisationId },
      partnershipWide: [],
    },
  ],
  // A chase passes between the same two organisations as the disclosure it chases.
  [
    disclosureChases,
    {
      parties: { sender: disclosureChases.senderOrganisationId, recipient: disclosureChases.recipientOrganisationId },
      partnershipWide: [],
    },
  ],
  [
    informationRequests,
    {
      parties: { requesting: informationRequests.requestingOrganisationId, requested: informationRequests.requestedOrganisationId },
      partnershipWide: [],
    },
  ],
  [
    recipientNotices,
    {
      parties: { sender: recipientNotices.senderOrganisationId, recipient: recipientNotices.recipientOrganisationId },
      partnershipWide: [],
    },
  ],
  // Each organisation answers for its own data: its IG leads see its part of a request, no one else's.
  [rightsRequests, owned(rightsRequests.organisationId)],
  [rightsProcessingDecisions, owned(rightsProcessingDecisions.organisationId)],
  // Retention (issue 21): each organisation's schedule, reviews and disposals are its own IG leads'.
  [retentionRules, owned(retentionRules.organisationId)],
  [retentionKeeps, owned(retentionKeeps.organisationId)],
  [disposalBatches, owned(disposalBatches.organisationId)],
  // Anonymised rows carry no personal data: partnership administrators count them across members.
  [anonymisedRecords, owned(anonymisedRecords.organisationId, ["partnership_admin"])],
  // A hold binds the organisation that set it; a partnership-wide one binds, and is seen by, every member.
  [
    legalHolds,
    {
      parties: { owner: legalHolds.organisationId },
      partnershipWide: ["partnership_admin"],
      alsoVisibleTo: () => sql`${legalHolds.scope} = 'PARTNERSHIP'`,
    },
  ],
  // The breach register (issue 22): each organisation's own, never partnership-wide; within it, only IG
  // leads and auditors see it (a rule of the services, by role).
  [breaches, owned(breaches.organisationId)],
  [breachSubjects, owned(breachSubjects.organisationId)],
  [breachReports, owned(breachReports.organisationId)],
  [breachItems, owned(breachItems.organisationId)],
  [breachNotices, owned(breachNotices.organisationId)],
  // Another organisation a breach involves sees its part (issue 22): the organisation a share went to by
  // mistake, asked to delete its copy, or the one whose information is involved, told of it.
  [breachParties, { parties: { sender: breachParties.organisationId, recipient: breachParties.partyOrganisationId }, partnershipWide: [] }],
  // A person's notifications are theirs alone: queries also name the user; this keeps them in their organisation.
  [notifications, owned(notifications.organisationId)],
]);

function ruleOf(table: Table): OwnershipRule {
  const rule = OWNERSHIP.get(table);
  if (!rule) throw new Error(`${getTableName(table)} has no ownership rule in src/platform/db/scope.ts`);
  return rule;
}

/** For the test that fails when a table naming an organisation has neither a rule nor a reason to go without. */
export const hasOwnershipRule = (table: Table): boolean => OWNERSHIP.has(table);

/** The columns naming the organisations a row belongs to: for the unscoped check of whether an id exists elsewhere. */
export const ownerColumns = (table: Table): PgColumn[] => Object.values(ruleOf(table).parties);

/** Whether the actor's role sees every organisation's rows of this table (its rule's partnership-wide roles). */
export function seesEveryOrganisation(actor: Actor, table: Table): boolean {
  const { partnershipWide } = ruleOf(table);
  return actor.roles.some((role) => partnershipWide.includes(role));
}

/**
 * The rows this organisation holds, or plays `as` in: for work on an organisation's own rows that
 * is not a question of what a person may see (a pack being assembled for the organisation's part of
 * a request). What a person may see is `visibleTo`.
 */
export function ownedBy(organisationId: string, table: Table, as?: Party): SQL {
  const { parties } = ruleOf(table);
  const columns = as ? [parties[as]] : Object.values(parties);
  if (columns.some((c) => !c)) throw new Error(`${getTableName(table)} has no ${as} in src/platform/db/scope.ts`);
  return or(...columns.map((c) => eq(c!, organisationId)))!;
}

/**
 * The rows the actor may see. With `as`, only those where the actor's organisation plays that part
 * (what it sent, not what it received): a part is the organisation's own, so partnership-wide roles
 * and wider visibility do not apply to it.
 */
export function visibleTo(actor: Actor, table: Table, as?: Party): SQL {
  const rule = ruleOf(table);
  const own = ownedBy(actor.organisationId, table, as);
  if (as) return own;
  if (seesEveryOrganisation(actor, table)) return sql`true`;
  return rule.alsoVisibleTo ? or(own, rule.alsoVisibleTo(actor))! : own;
}
