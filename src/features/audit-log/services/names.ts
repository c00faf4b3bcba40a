import { and, inArray } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { agreements } from "../../agreements/schema";
import { breaches } from "../../breaches/schema";
import { organisations, users } from "../../organisations-and-users/schema";
import { subjects } from "../../records/schema";
import { disposalBatches, legalHolds } from "../../retention/schema";
import { type KnownNames, nameKey } from "../domain/sentences";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names of the people, accounts, organisations, agreements, legal holds, disposal batches and breaches a page of events is about, as far
 * as the reader may see them: a record outside their organisation, or a person whose identity is
 * protected (GR5-PROTECT-IDENTITIES), stays "a person's record". One query per kind of thing, each
 * scoped like any other read of that table.
 */
export async function loadNames(db: Db, actor: Actor, entities: readonly { type: string; id: string }[]): Promise<KnownNames> {
  const idsOf = (type: string) => [...new Set(entities.filter((e) => e.type === type && UUID.test(e.id)).map((e) => e.id))];
  const names = new Map<string, string>();
  const put = (type: string, rows: { id: string; name: string }[]) => {
    for (const r of rows) names.set(nameKey({ type, id: r.id }), r.name);
  };

  const subjectIds = idsOf("subject");
  if (subjectIds.length) {
    const rows = await db
      .select({ id: subjects.id, given: subjects.givenNames, family: subjects.familyName, protectedIdentity: subjects.identityProtected })
      .from(subjects)
      .where(and(inArray(subjects.id, subjectIds), visibleTo(actor, subjects)));
    put(
      "subject",
      rows.filter((r) => !r.protectedIdentity).map((r) => ({ id: r.id, name: `${r.given} ${r.family}` })),
    );
  }
  const userIds = idsOf("user");
  if (userIds.length) {
    put(
      "user",
      await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(inArray(users.id, userIds), visibleTo(actor, users))),
    );
  }
  const organisationIds = idsOf("organisation");
  if (organisationIds.length) {
    // The partnership's directory of organisations is open to every member.
    put(
      "organisation",
      await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, organisationIds)),
    );
  }
  const agreementIds = idsOf("agreement");
  if (agreementIds.length) {
    put(
      "agreement",
      await db
        .select({ id: agreements.id, name: agreements.title })
        .from(agreements)
        .where(and(inArray(agreements.id, agreementIds), visibleTo(actor, agreements))),
    );
  }
  const holdIds = idsOf("legal_hold");
  if (holdIds.length) {
    put(
      "legal_hold",
      await db
        .select({ id: legalHolds.id, name: legalHolds.name })
        .from(legalHolds)
        .where(and(inArray(legalHolds.id, holdIds), visibleTo(actor, legalHolds))),
    );
  }
  const batchIds = idsOf("disposal_batch");
  if (batchIds.length) {
    const rows = await db
      .select({ id: disposalBatches.id, reference: disposalBatches.reference })
      .from(disposalBatches)
      .where(and(inArray(disposalBatches.id, batchIds), visibleTo(actor, disposalBatches)));
    put(
      "disposal_batch",
      rows.map((r) => ({ id: r.id, name: `D-${r.reference}` })),
    );
  }
  const breachIds = idsOf("breach");
  if (breachIds.length) {
    const rows = await db
      .select({ id: breaches.id, reference: breaches.reference })
      .from(breaches)
      .where(and(inArray(breaches.id, breachIds), visibleTo(actor, breaches)));
    put(
      "breach",
      rows.map((r) => ({ id: r.id, name: `BR-${r.reference}` })),
    );
  }
  return names;
}
