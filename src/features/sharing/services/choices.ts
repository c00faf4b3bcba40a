import { and, arrayOverlaps, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Role } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { inForceColumns, parentAgreement, parentInForce, partyToVersion } from "../../agreements";
import { agreementReference, notInForceReason } from "../../agreements/domain";
import { agreements, agreementVersions } from "../../agreements/schema";
import { organisations, users } from "../../organisations-and-users/schema";
import { assertWorksWithRecords, loadProtectedDetails, loadSubject } from "../../records";
import { concerns, recordItems, subjectAddresses } from "../../records/schema";
import { findProtectedMentionsInItem } from "../domain/protected-details";
import { recordItemOrigins } from "../schema";

/**
 * What the share decision pages offer to choose from: the partnership's other members, the
 * agreements in force between the actor's organisation and the recipient, the people at a recipient
 * organisation who work with children's records, and the person's current record items.
 */

export async function otherMembers(db: Db, actor: Actor) {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(ne(organisations.id, actor.organisationId))
    .orderBy(asc(organisations.name));
}

/**
 * The agreements a share from the actor's organisation to the recipient could cite: those whose version
 * in force names both organisations as parties, each with why it is not in force today, if it is not, by
 * the one in-force rule (`notInForceReason`: status and review date, and a tier 2 agreement's tier 1
 * parent too, as the evaluation requires). Only those in force are offered; the rest let a draft that
 * chose one before it lapsed say why.
 */
export async function agreementsBetween(db: Db, actor: Actor, recipientOrganisationId: string, day: string) {
  const rows = await db
    .select({ id: agreements.id, ...inForceColumns })
    .from(agreements)
    .innerJoin(
      agreementVersions,
      and(eq(agreementVersions.agreementId, agreements.id), eq(agreementVersions.version, agreements.inForceVersion)),
    )
    .leftJoin(parentAgreement, eq(parentAgreement.id, agreements.parentAgreementId))
    .where(and(visibleTo(actor, agreements), partyToVersion(actor.organisationId), partyToVersion(recipientOrganisationId)))
    .orderBy(asc(agreements.number));
  return rows.map((r) => {
    const notInForce = notInForceReason(r, parentInForce(r.parent), day);
    return {
      id: r.id,
      reference: agreementReference(r.number),
      title: r.title,
      version: r.inForceVersion,
      inForce: notInForce === null,
      notInForceReason: notInForce,
    };
  });
}

/** The roles of the people a disclosure can name: those who work with children's records. */
export const RECEIVING_ROLES = ["practitioner", "safeguarding_lead"] as const satisfies readonly Role[];
const isReceivingRole = (role: Role): role is (typeof RECEIVING_ROLES)[number] => (RECEIVING_ROLES as readonly Role[]).includes(role);

/** Practitioners and safeguarding leads of the recipient organisation: who a disclosure can name. */
export async function peopleWhoCanReceive(db: Db, organisationId: string) {
  return (
    db
      .select({ id: users.id, name: users.name, roles: users.roles })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), isNull(users.deactivatedAt), arrayOverlaps(users.roles, [...RECEIVING_ROLES])))
      // The id breaks ties between namesakes, so the API's pages of them are the same from one call to the next.
      .orderBy(asc(users.name), asc(users.id))
  );
}

const concernColumns = { id: concerns.id, category: concerns.category, noticedOn: concerns.noticedOn, status: concerns.status };

export async function openConcernsOf(db: Db, actor: Actor, subjectId: string) {
  return db
    .select(concernColumns)
    .from(concerns)
    .where(and(eq(concerns.subjectId, subjectId), visibleTo(actor, concerns), ne(concerns.status, "CLOSED")))
    .orderBy(asc(concerns.noticedOn));
}

/** The concern a recorded decision is about, open or closed since, so its page can name it; null when not visible. */
export async function loadConcernCited(db: Db, actor: Actor, concernId: string) {
  const [concern] = await db
    .select(concernColumns)
    .from(concerns)
    .where(and(eq(concerns.id, concernId), visibleTo(actor, concerns)));
  return concern ?? null;
}

/**
 * The person's record items that can be chosen: current versions (a corrected one is replaced), with
 * their state and the protected details written in each (GR5-PROTECT-IDENTITIES), which a share
 * takes out unless a safeguarding lead or IG lead says why they must go.
 */
export async function shareableItems(db: Db, actor: Actor, subjectId: string) {
  assertWorksWithRecords(actor);
  await loadSubject(db, actor, subjectId);
  const [items, addresses, details] = await Promise.all([
    db
      .select({ item: recordItems, receivedFrom: organisations.name, onward: recordItemOrigins.onwardDisclosure })
      .from(recordItems)
      .leftJoin(recordItemOrigins, eq(recordItemOrigins.itemId, recordItems.id))
      .leftJoin(organisations, eq(organisations.id, recordItemOrigins.fromOrganisationId))
      .where(and(eq(recordItems.subjectId, subjectId), visibleTo(actor, recordItems), ne(recordItems.accuracy, "CORRECTED")))
      .orderBy(asc(recordItems.eventDate), asc(recordItems.recordedAt)),
    db
      .select({ protected: subjectAddresses.protected })
      .from(subjectAddresses)
      .where(and(eq(subjectAddresses.subjectId, subjectId), eq(subjectAddresses.current, true))),
    loadProtectedDetails(db, actor, subjectId),
  ]);
  return {
    items: items.map((row) => ({ ...row, protectedMentions: findProtectedMentionsInItem(row.item, details) })),
    hasProtectedAddress: addresses.some((a) => a.protected),
  };
}

/**
 * The record items a recorded decision chose, each version as it was chosen (a version is never
 * changed; one corrected since is still what was chosen): for its page, which names them. Nothing is
 * searched: the decision's record says what was taken out of each.
 */
export async function itemsChosen(db: Db, actor: Actor, subjectId: string, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  return db
    .select({ id: recordItems.id, category: recordItems.category, eventDate: recordItems.eventDate, text: recordItems.text })
    .from(recordItems)
    .where(and(inArray(recordItems.id, [...itemIds]), eq(recordItems.subjectId, subjectId), visibleTo(actor, recordItems)));
}

/**
 * Who a partner system may address a share to at another organisation (issue 20): its practitioners
 * and safeguarding leads, by name and role only, and only when the two organisations are parties to
 * an agreement in force, as every share the system makes under one needs. Otherwise not found: the
 * partnership's staff lists are not open to every member.
 */
export async function addressablePeople(db: Db, actor: Actor, organisationId: string, day: string) {
  if (organisationId === actor.organisationId)
    throw new NotFoundError("An organisation your organisation shares an agreement in force with");
  const shared = await agreementsBetween(db, actor, organisationId, day);
  if (!shared.some((a) => a.inForce)) throw new NotFoundError("An organisation your organisation shares an agreement in force with");
  const people = await peopleWhoCanReceive(db, organisationId);
  return people.map((p) => ({
    userId: p.id,
    name: p.name,
    roles: p.roles.filter(isReceivingRole),
  }));
}
