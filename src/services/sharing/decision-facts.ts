import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { concerns, organisations, recordItems, subjectAddresses, users } from "../../db/schema";
import { informationRequests, recordItemOrigins, shareApprovalRules } from "../../db/schema-sharing";
import { visibleTo } from "../../db/scope";
import type { Actor } from "../../domain/actor";
import { type FieldError, ValidationError } from "../../domain/errors";
import type { Role } from "../../domain/roles";
import type { ShareDecisionInput } from "../../domain/sharing/decision-input";
import type { DecisionFacts, ItemFacts } from "../../domain/sharing/evaluate-decision";
import type { SharingSettings } from "../../domain/sharing/settings";
import { findSubject, type SubjectRow } from "../records/access";
import { levelsOfNeed, sharingSettings } from "../settings";
import { type CoveringAgreement, coveringAgreement } from "./covering-agreement";

export type RecordItemRow = typeof recordItems.$inferSelect;

/** Everything a decision is checked against and built from, loaded within the actor's scope. */
export interface GatheredFacts {
  facts: DecisionFacts;
  subject: SubjectRow;
  /** The items the decision names, as held now (their text is needed for the disclosure). */
  itemRows: ReadonlyMap<string, RecordItemRow>;
  covering: CoveringAgreement | null;
  recipient: { id: string; name: string } | null;
  recipientUserName: string | null;
  approvalRequired: boolean;
  settings: SharingSettings;
  addresses: { lines: string; postcode: string | null; protected: boolean }[];
}

/**
 * Loads the facts for one decision. Whatever the answers point at must exist and be the actor's to
 * use (their organisation's items about this person, a member organisation, a person working there,
 * a concern about this child, a request addressed to them); anything else is a field error naming
 * the answer, so a wrong id is fixed where it was given rather than reported as a rule.
 */
export async function gatherFacts(q: Queryable, actor: Actor, input: ShareDecisionInput, today: string): Promise<GatheredFacts> {
  const subject = await findSubject(q, actor, input.subjectId);
  const itemIds = [...new Set((input.items.items ?? []).map((i) => i.itemId))];
  const { organisationId: recipientId, userId: recipientUserId, agreementId, agreementVersion } = input.recipient;
  const [sender, itemRows, recipient, recipientUser, addresses, covering, approval, settings, levels, concern, request] = await Promise.all(
    [
      q
        .select({ isPublicAuthority: organisations.isPublicAuthority })
        .from(organisations)
        .where(eq(organisations.id, actor.organisationId)),
      itemIds.length
        ? q
            .select({ item: recordItems, origin: recordItemOrigins, originName: organisations.name })
            .from(recordItems)
            .leftJoin(recordItemOrigins, eq(recordItemOrigins.itemId, recordItems.id))
            .leftJoin(organisations, eq(organisations.id, recordItemOrigins.fromOrganisationId))
            .where(and(inArray(recordItems.id, itemIds), eq(recordItems.subjectId, subject.id), visibleTo(actor, recordItems)))
        : [],
      recipientId
        ? q.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, recipientId))
        : [],
      recipientUserId
        ? q
            .select({ name: users.name, roles: users.roles, organisationId: users.organisationId, deactivatedAt: users.deactivatedAt })
            .from(users)
            .where(eq(users.id, recipientUserId))
        : [],
      q
        .select({ lines: subjectAddresses.lines, postcode: subjectAddresses.postcode, protected: subjectAddresses.protected })
        .from(subjectAddresses)
        .where(and(eq(subjectAddresses.subjectId, subject.id), eq(subjectAddresses.current, true))),
      agreementId ? coveringAgreement(q, actor, agreementId, agreementVersion ?? null) : null,
      input.purpose.code
        ? q
            .select({ purposeCode: shareApprovalRules.purposeCode })
            .from(shareApprovalRules)
            .where(and(eq(shareApprovalRules.organisationId, actor.organisationId), eq(shareApprovalRules.purposeCode, input.purpose.code)))
        : [],
      sharingSettings(q),
      input.purpose.levelOfNeed ? levelsOfNeed(q) : [],
      input.purpose.concernId
        ? q
            .select({ id: concerns.id })
            .from(concerns)
            .where(and(eq(concerns.id, input.purpose.concernId), eq(concerns.subjectId, subject.id), visibleTo(actor, concerns)))
        : [],
      input.informationRequestId
        ? q
            .select({ status: informationRequests.status })
            .from(informationRequests)
            .where(
              and(
                eq(informationRequests.id, input.informationRequestId),
                eq(informationRequests.requestedOrganisationId, actor.organisationId),
              ),
            )
        : [],
    ],
  );

  const errors: FieldError[] = [];
  const found = new Map(itemRows.map((r) => [r.item.id, r]));
  (input.items.items ?? []).forEach((choice, index) => {
    const row = found.get(choice.itemId);
    if (!row) {
      errors.push({ path: `/items/items/${index}/itemId`, message: "Choose items from this person's record" });
      return;
    }
    (choice.redactions ?? []).forEach((phrase, j) => {
      if (!row.item.text.includes(phrase))
        errors.push({
          path: `/items/items/${index}/redactions/${j}`,
          message: `"${phrase}" is not in the item's text, so cannot be redacted`,
        });
    });
  });
  if (recipientId && !recipient[0])
    errors.push({ path: "/recipient/organisationId", message: "Select an organisation of the partnership" });
  const user = recipientUser[0];
  if (recipientUserId && (!user || user.organisationId !== recipientId || user.deactivatedAt)) {
    errors.push({ path: "/recipient/userId", message: "Select someone who works at the recipient organisation" });
  }
  if (input.purpose.levelOfNeed && !levels.some((l) => l.code === input.purpose.levelOfNeed)) {
    errors.push({ path: "/purpose/levelOfNeed", message: "Select a level from the partnership's scale of need" });
  }
  if (input.purpose.concernId && !concern[0]) errors.push({ path: "/purpose/concernId", message: "Select a concern about this child" });
  if (input.informationRequestId && request[0]?.status !== "OPEN") {
    errors.push({ path: "/informationRequestId", message: "Answer an open request made to your organisation" });
  }
  if (errors.length) throw new ValidationError(errors);

  const items = new Map<string, ItemFacts>(
    itemRows.map(({ item, origin, originName }) => [
      item.id,
      {
        category: item.category,
        specialCategory: item.specialCategory,
        criminalOffence: item.criminalOffence,
        accuracy: item.accuracy,
        restricted: item.restrictedAt !== null,
        receivedFrom: origin ? { organisationName: originName ?? "another organisation", onward: origin.onwardDisclosure } : null,
      },
    ]),
  );
  return {
    facts: {
      input,
      today,
      sender: { organisationId: actor.organisationId, isPublicAuthority: sender[0]?.isPublicAuthority ?? true },
      recipientUserRoles: user ? (user.roles as Role[]) : null,
      items,
      subjectHasProtectedAddress: addresses.some((a) => a.protected),
      agreement: covering?.compiled ?? null,
    },
    subject,
    itemRows: new Map(itemRows.map((r) => [r.item.id, r.item])),
    covering,
    recipient: recipient[0] ?? null,
    recipientUserName: user?.name ?? null,
    approvalRequired: approval.length > 0,
    settings,
    addresses,
  };
}
