import { and, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError } from "../../../platform/errors";
import type {} from "../audit-events";
import type { SubjectKind } from "../domain/information";
import { SUBJECT_LINK_LABELS, type SubjectLinkKind, subjectLinkInput } from "../domain/links";
import { subjectLinks, subjects } from "../schema";
import { assertWorksWithRecords, loadSubject, recordRead } from "./access";

/** A person linked to the subject being viewed, with the link read from the subject's side. */
export interface LinkedPerson {
  linkId: string;
  kind: SubjectLinkKind;
  /** True when the subject being viewed is the link's "from" end ("Parent or carer of"). */
  forward: boolean;
  relationship: string;
  subjectId: string;
  givenNames: string;
  familyName: string;
  subjectKind: SubjectKind;
  dateOfBirth: string | null;
}

/** Links two people in the actor's organisation's records ("Sam is the parent of Kai"). */
export async function linkSubjects(db: Db, actor: Actor, raw: unknown): Promise<{ id: string }> {
  assertWorksWithRecords(actor);
  const input = subjectLinkInput.parse(raw);
  return inTransaction(db, async (tx, audit) => {
    // Both ends must be this organisation's: a link can never reveal another organisation's record.
    const from = await loadSubject(tx, actor, input.fromSubjectId);
    await loadSubject(tx, actor, input.toSubjectId);
    const [row] = await tx
      .insert(subjectLinks)
      .values({ ...input, organisationId: from.organisationId })
      .onConflictDoNothing()
      .returning({ id: subjectLinks.id });
    if (!row) throw new ConflictError("These two people are already linked in that way");
    audit.record(snapshotOf(actor), {
      type: "subject.linked",
      entity: { type: "subject", id: input.fromSubjectId },
      details: { linkId: row.id, kind: input.kind, toSubjectId: input.toSubjectId },
    });
    return row;
  });
}

/** The people around a subject, from links in either direction. Read as part of the subject page. */
export async function linkedPeople(db: Db, actor: Actor, subjectId: string): Promise<LinkedPerson[]> {
  const other = alias(subjects, "other");
  const rows = await db
    .select({
      link: subjectLinks,
      otherId: other.id,
      givenNames: other.givenNames,
      familyName: other.familyName,
      subjectKind: other.kind,
      dateOfBirth: other.dateOfBirth,
    })
    .from(subjectLinks)
    .innerJoin(
      other,
      or(
        and(eq(subjectLinks.fromSubjectId, subjectId), eq(other.id, subjectLinks.toSubjectId)),
        and(eq(subjectLinks.toSubjectId, subjectId), eq(other.id, subjectLinks.fromSubjectId)),
      ),
    )
    .where(and(or(eq(subjectLinks.fromSubjectId, subjectId), eq(subjectLinks.toSubjectId, subjectId)), visibleTo(actor, subjectLinks)))
    .orderBy(other.familyName, other.givenNames, subjectLinks.id);
  return rows.map((r) => {
    const forward = r.link.fromSubjectId === subjectId;
    const labels = SUBJECT_LINK_LABELS[r.link.kind];
    return {
      linkId: r.link.id,
      kind: r.link.kind,
      forward,
      relationship: forward ? labels.forward : labels.reverse,
      subjectId: r.otherId,
      givenNames: r.givenNames,
      familyName: r.familyName,
      subjectKind: r.subjectKind,
      dateOfBirth: r.dateOfBirth,
    };
  });
}

/**
 * The people around a subject as a read of its own (the API's `/subjects/{id}/people`), a page at a
 * time with how many there are: the role is checked, a subject outside the actor's organisation is not
 * found, and the read of the page shown is audited. A person's family and household are few, so they
 * are loaded whole and sliced.
 */
export async function viewLinkedPeople(
  db: Db,
  actor: Actor,
  subjectId: string,
  range: PageRange,
  view: string,
): Promise<{ rows: LinkedPerson[]; total: number }> {
  assertWorksWithRecords(actor);
  await loadSubject(db, actor, subjectId);
  const people = await linkedPeople(db, actor, subjectId);
  const rows = people.slice(offsetOf(range), offsetOf(range) + range.pageSize);
  await recordRead(db, actor, subjectId, view, { count: rows.length });
  return { rows, total: people.length };
}
