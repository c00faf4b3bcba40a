import { type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Queryable } from "../../../platform/db/client";
import { queryPrepared } from "../../../platform/db/prepared";
import { ownedBy } from "../../../platform/db/scope";
import { RulesBlockedError } from "../../../platform/errors";
import { type ProtectedDetail, typedProtectedDetails } from "../../sharing/domain";
import { subjectLinks, subjects } from "../schema";

/**
 * The protected details the actor's organisation holds about a person and the people linked to them
 * (GR5-PROTECT-IDENTITIES): every protected address, current or past (a refuge stays a refuge), the
 * names of people whose identity is protected, and names marked protected. The person's own name is
 * not one: whatever is written about them names them, and a share about them must say who it is about.
 *
 * A scalar subquery returning a JSON array, so the share decision's facts statement can fold it into
 * its one round trip; `loadProtectedDetails` runs it on its own. Links are within one organisation's
 * records, so this never reaches another organisation's people.
 */
export function protectedDetailsSql(subjectId: string, organisationId: string): SQL {
  return sql`(select coalesce(json_agg(d), '[]'::json) from (
    with people as (
      select subject.id, true as of_subject from subject where subject.id = ${subjectId} and ${ownedBy(organisationId, subjects)}
      union
      select case when subject_link.from_subject_id = ${subjectId} then subject_link.to_subject_id else subject_link.from_subject_id end, false
        from subject_link
       where ${ownedBy(organisationId, subjectLinks)}
         and (subject_link.from_subject_id = ${subjectId} or subject_link.to_subject_id = ${subjectId})
    )
    select 'address' as kind, a.lines, a.postcode, null::text as name, null::text as "givenNames", null::text as "familyName",
           p.of_subject as "ofSubject"
      from people p join subject_address a on a.subject_id = p.id
     where a.protected
    union all
    select 'name', null, null, s.given_names || ' ' || s.family_name, s.given_names, s.family_name, false
      from people p join subject s on s.id = p.id
     where s.identity_protected and not p.of_subject
    union all
    select 'name', null, null, n.name, null, null, p.of_subject
      from people p join subject s on s.id = p.id join subject_name n on n.subject_id = p.id
     where n.identity_protected or (s.identity_protected and not p.of_subject)
  ) d)`;
}

export async function loadProtectedDetails(q: Queryable, actor: Actor, subjectId: string): Promise<ProtectedDetail[]> {
  const [row] = await queryPrepared<{ details: ProtectedDetail[] }>(
    q,
    sql`select ${protectedDetailsSql(subjectId, actor.organisationId)} as details`,
  );
  return row?.details ?? [];
}

/**
 * Before something about a person is recorded: a protected detail typed into it is a warning
 * (GR5-PROTECT-IDENTITIES) the writer must acknowledge, because once recorded it cannot be taken back
 * out, and everyone who reads the record will see it. Nothing is saved until they do.
 */
export async function warnOfProtectedDetails(
  q: Queryable,
  actor: Actor,
  subjectId: string,
  fields: { path: string; text: string }[],
  acknowledged: readonly string[],
): Promise<void> {
  if (acknowledged.includes("GR5-PROTECT-IDENTITIES")) return;
  const warnings = typedProtectedDetails(fields, await loadProtectedDetails(q, actor, subjectId));
  if (warnings.length) throw new RulesBlockedError(warnings, "This cannot be saved until the warning is acknowledged");
}
