import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { agreementParties, agreementSignatures, agreements, agreementVersions } from "../../db/schema";
import { visibleTo } from "../../db/scope";
import type { Actor } from "../../domain/actor";
import type { Tier } from "../../domain/agreements/content";
import type { AgreementStatus } from "../../domain/agreements/lifecycle";
import { NotFoundError } from "../../domain/errors";

export type AgreementRow = typeof agreements.$inferSelect;
export type VersionRow = typeof agreementVersions.$inferSelect;
export type SignatureRow = typeof agreementSignatures.$inferSelect;

export interface AgreementFilters {
  status?: AgreementStatus[];
  tier?: Tier;
  /** Only agreements this organisation is a party to. */
  partyOrganisationId?: string;
  search?: string;
}

export async function listAgreements(db: Queryable, actor: Actor, filters: AgreementFilters = {}): Promise<AgreementRow[]> {
  const conditions: SQL[] = [visibleTo(actor, agreements)];
  if (filters.status?.length) conditions.push(inArray(agreements.status, filters.status));
  if (filters.tier) conditions.push(eq(agreements.tier, filters.tier));
  if (filters.partyOrganisationId) {
    conditions.push(
      sql`exists (select 1 from ${agreementParties} where ${agreementParties.agreementId} = ${agreements.id} and ${agreementParties.organisationId} = ${filters.partyOrganisationId})`,
    );
  }
  if (filters.search) conditions.push(sql`${agreements.title} ilike ${`%${filters.search.replace(/[\\%_]/g, "\\$&")}%`}`);
  return db
    .select()
    .from(agreements)
    .where(and(...conditions))
    .orderBy(asc(agreements.tier), asc(agreements.number));
}

/** An agreement the actor may see; anything else is not found, so its existence is not revealed. */
export async function getAgreement(db: Queryable, actor: Actor, id: string): Promise<AgreementRow> {
  const [agreement] = await db
    .select()
    .from(agreements)
    .where(and(eq(agreements.id, id), visibleTo(actor, agreements)));
  if (!agreement) throw new NotFoundError("The agreement");
  return agreement;
}

export async function isParty(db: Queryable, agreementId: string, organisationId: string): Promise<boolean> {
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

export async function listVersions(db: Queryable, actor: Actor, agreement: AgreementRow): Promise<VersionRow[]> {
  const all = await db
    .select()
    .from(agreementVersions)
    .where(eq(agreementVersions.agreementId, agreement.id))
    .orderBy(desc(agreementVersions.version));
  if (await canSeeUnsigned(db, actor, agreement)) return all;
  return all.filter((v) => v.state === "SIGNED");
}

export async function getVersion(db: Queryable, actor: Actor, agreement: AgreementRow, version: number): Promise<VersionRow> {
  const found = (await listVersions(db, actor, agreement)).find((v) => v.version === version);
  if (!found) throw new NotFoundError(`Version ${version} of the agreement`);
  return found;
}

/** The version a reader lands on: the one in force, else the latest they may see. */
export async function currentVersion(db: Queryable, actor: Actor, agreement: AgreementRow): Promise<VersionRow> {
  const versions = await listVersions(db, actor, agreement);
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

export async function listSignatures(db: Queryable, agreementId: string): Promise<SignatureRow[]> {
  return db
    .select()
    .from(agreementSignatures)
    .where(eq(agreementSignatures.agreementId, agreementId))
    .orderBy(asc(agreementSignatures.signedAt));
}
