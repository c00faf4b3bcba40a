import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../../platform/auth/actor";
import type { Queryable } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import type { Tier } from "../domain/content";
import { agreementReference } from "../domain/document";
import { type AgreementStatus, notInForceReason, type ParentInForceInput } from "../domain/lifecycle";
import { agreementParties, agreementSignatures, agreements, agreementVersions } from "../schema";

export type AgreementRow = typeof agreements.$inferSelect;

/**
 * An agreement as its pages and the API read it: its row, and its tier 1 parent as the in-force rule
 * needs it (`notInForceReason`), read in the same statement; null for a tier 1 agreement.
 */
export type ListedAgreement = AgreementRow & { parent: ParentInForceInput | null };
export type VersionRow = typeof agreementVersions.$inferSelect;
export type SignatureRow = typeof agreementSignatures.$inferSelect;

export interface AgreementFilters {
  status?: AgreementStatus[];
  tier?: Tier;
  /** Only agreements this organisation is a party to. */
  partyOrganisationId?: string;
  search?: string;
}

/** A tier 2 agreement's parent, joined as `parentAgreement` on the agreement's `parentAgreementId`. */
export const parentAgreement = alias(agreements, "parent_agreement");

/** The parent's columns the in-force rule reads; all null (so the whole is null) without a parent. */
const parentInForceColumns = {
  number: parentAgreement.number,
  title: parentAgreement.title,
  status: parentAgreement.status,
  inForceVersion: parentAgreement.inForceVersion,
  nextReviewDate: parentAgreement.nextReviewDate,
};

/**
 * An agreement's columns the one in-force rule (`notInForceReason`) reads, its tier 1 parent's among
 * them: for a select that joins `parentAgreement` on the agreement's `parentAgreementId`.
 */
export const inForceColumns = {
  number: agreements.number,
  title: agreements.title,
  status: agreements.status,
  inForceVersion: agreements.inForceVersion,
  nextReviewDate: agreements.nextReviewDate,
  parent: parentInForceColumns,
};

/** The version in force (`agreementVersions` joined on it) names the organisation as a party: JSON containment on its parties. */
export const partyToVersion = (organisationId: string) =>
  sql`${agreementVersions.content}->'parties' @> ${JSON.stringify([{ organisationId }])}::jsonb`;

type ParentColumns = {
  number: number;
  title: string;
  status: AgreementStatus;
  inForceVersion: number | null;
  nextReviewDate: string | null;
};

export function parentInForce(parent: ParentColumns | null): ParentInForceInput | null {
  return parent && { ...parent, reference: agreementReference(parent.number) };
}

const listed = (r: { agreement: AgreementRow; parent: ParentColumns | null }): ListedAgreement => ({
  ...r.agreement,
  parent: parentInForce(r.parent),
});

function agreementConditions(actor: Actor, filters: AgreementFilters): SQL {
  const conditions: SQL[] = [visibleTo(actor, agreements)];
  if (filters.status?.length) conditions.push(inArray(agreements.status, filters.status));
  if (filters.tier) conditions.push(eq(agreements.tier, filters.tier));
  if (filters.partyOrganisationId) {
    conditions.push(
      sql`exists (select 1 from ${agreementParties} where ${agreementParties.agreementId} = ${agreements.id} and ${agreementParties.organisationId} = ${filters.partyOrganisationId})`,
    );
  }
  if (filters.search) conditions.push(sql`${agreements.title} ilike ${`%${filters.search.replace(/[\\%_]/g, "\\$&")}%`}`);
  return and(...conditions)!;
}

function listedAgreements(db: Queryable, where: SQL) {
  return db
    .select({ agreement: agreements, parent: parentInForceColumns })
    .from(agreements)
    .leftJoin(parentAgreement, eq(parentAgreement.id, agreements.parentAgreementId))
    .where(where)
    .orderBy(asc(agreements.tier), asc(agreements.number))
    .$dynamic();
}

export async function loadAgreements(db: Queryable, actor: Actor, filters: AgreementFilters = {}): Promise<ListedAgreement[]> {
  return (await listedAgreements(db, agreementConditions(actor, filters))).map(listed);
}

/** A page of the register, for the API: the register grows with the partnership, so it is paged in SQL. */
export async function loadAgreementPage(
  db: Queryable,
  actor: Actor,
  filters: AgreementFilters,
  range: PageRange,
): Promise<{ rows: ListedAgreement[]; total: number }> {
  const where = agreementConditions(actor, filters);
  const [rows, total] = await Promise.all([
    listedAgreements(db, where).limit(range.pageSize).offset(offsetOf(range)),
    db.$count(agreements, where),
  ]);
  return { rows: rows.map(listed), total };
}

/** An agreement the actor may see; anything else is not found, so its existence is not revealed. */
export async function loadAgreement(db: Queryable, actor: Actor, id: string): Promise<ListedAgreement> {
  const [row] = await db
    .select({ agreement: agreements, parent: parentInForceColumns })
    .from(agreements)
    .leftJoin(parentAgreement, eq(parentAgreement.id, agreements.parentAgreementId))
    .where(and(eq(agreements.id, id), visibleTo(actor, agreements)));
  if (!row) throw new NotFoundError("The agreement");
  return listed(row);
}

async function isParty(db: Queryable, agreementId: string, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ organisationId: agreementParties.organisationId })
    .from(agreementParties)
    .where(and(eq(agreementParties.agreementId, agreementId), eq(agreementParties.organisationId, organisationId)));
  return row !== undefined;
}

/**
 * Which versions the actor may read: parties and partnership admins see drafts and pending
 * variations; other members only versions that were signed.
 */
async function canSeeUnsigned(db: Queryable, actor: Actor, agreement: AgreementRow): Promise<boolean> {
  return actor.roles.includes("partnership_admin") || (await isParty(db, agreement.id, actor.organisationId));
}

export async function loadVisibleVersions(db: Queryable, actor: Actor, agreement: AgreementRow): Promise<VersionRow[]> {
  const all = await db
    .select()
    .from(agreementVersions)
    .where(eq(agreementVersions.agreementId, agreement.id))
    .orderBy(desc(agreementVersions.version));
  if (await canSeeUnsigned(db, actor, agreement)) return all;
  return all.filter((v) => v.state === "SIGNED");
}

export async function loadVisibleVersion(db: Queryable, actor: Actor, agreement: AgreementRow, version: number): Promise<VersionRow> {
  const found = (await loadVisibleVersions(db, actor, agreement)).find((v) => v.version === version);
  if (!found) throw new NotFoundError(`Version ${version} of the agreement`);
  return found;
}

/** The version a reader lands on: the one in force, else the latest they may see. */
export async function currentVersion(db: Queryable, actor: Actor, agreement: AgreementRow): Promise<VersionRow> {
  const versions = await loadVisibleVersions(db, actor, agreement);
  const found = versions.find((v) => v.version === agreement.inForceVersion) ?? versions[0];
  if (!found) throw new NotFoundError("The agreement");
  return found;
}

/** One version row by number, whoever asks: callers have already checked the agreement is visible. */
export async function loadVersion(db: Queryable, agreementId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.version, version)));
  return row;
}

export async function loadSignatures(db: Queryable, agreementId: string): Promise<SignatureRow[]> {
  return db
    .select()
    .from(agreementSignatures)
    .where(eq(agreementSignatures.agreementId, agreementId))
    .orderBy(asc(agreementSignatures.signedAt));
}

/**
 * Whether an agreement is in force on a day (the one in-force rule, `notInForceReason`, parent
 * included) and whether its version in force names the organisation as a party: what an API client
 * serving the agreement needs at its creation and on every call. Unscoped: the caller has already
 * established the client's right to name this agreement. Null when there is no such agreement.
 */
export async function agreementStandingFor(db: Queryable, agreementId: string, organisationId: string, day: string) {
  const [row] = await db
    .select({ ...inForceColumns, party: sql<boolean>`coalesce(${partyToVersion(organisationId)}, false)` })
    .from(agreements)
    .leftJoin(
      agreementVersions,
      and(eq(agreementVersions.agreementId, agreements.id), eq(agreementVersions.version, agreements.inForceVersion)),
    )
    .leftJoin(parentAgreement, eq(parentAgreement.id, agreements.parentAgreementId))
    .where(eq(agreements.id, agreementId));
  if (!row) return null;
  return {
    reference: agreementReference(row.number),
    title: row.title,
    party: row.party,
    notInForceReason: notInForceReason(row, parentInForce(row.parent), day),
  };
}

/** The agreements in force on a day that the actor's organisation is a party to: what a partner system's client may serve. */
export async function agreementsInForceFor(db: Queryable, actor: Actor, day: string) {
  const listed = await loadAgreements(db, actor, { partyOrganisationId: actor.organisationId, status: ["ACTIVE", "UNDER_REVIEW"] });
  return listed
    .filter((a) => notInForceReason(a, a.parent, day) === null)
    .map((a) => ({ id: a.id, reference: agreementReference(a.number), title: a.title }));
}
