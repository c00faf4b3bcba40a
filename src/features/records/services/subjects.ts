import { type AnyColumn, and, asc, count, eq, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import type {} from "../audit-events";
import { type SubjectInput, subjectInput } from "../domain/links";
import { subjectAddresses, subjectNames, subjects } from "../schema";
import type { SubjectRow } from "./access";
import { assertWorksWithRecords } from "./access";

/** A person's name as people read it, "Given Family", in SQL: for lists that name the person (also through an alias of the table). */
export function fullNameOf(person: { givenNames: AnyColumn; familyName: AnyColumn }) {
  return sql<string>`${person.givenNames} || ' ' || ${person.familyName}`;
}

export type SubjectNameRow = typeof subjectNames.$inferSelect;
export type AddressRow = typeof subjectAddresses.$inferSelect;
export interface SubjectRecord {
  subject: SubjectRow;
  names: SubjectNameRow[];
  addresses: AddressRow[];
}

/** Adds a subject to the actor's organisation's records; nothing is saved unless all of it is valid. */
export async function createSubject(db: Db, actor: Actor, raw: unknown): Promise<SubjectRecord> {
  assertWorksWithRecords(actor);
  const input: SubjectInput = subjectInput.parse(raw);
  const id = await inTransaction(db, async (tx, audit) => {
    const [subject] = await tx
      .insert(subjects)
      .values({
        organisationId: actor.organisationId,
        kind: input.kind,
        givenNames: input.givenNames,
        familyName: input.familyName,
        dateOfBirth: input.dateOfBirth ?? null,
        expectedDate: input.expectedDate ?? null,
        sexGender: input.sexGender ?? null,
        nhsNumber: input.nhsNumber ?? null,
        upn: input.upn ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        identityProtected: input.identityProtected,
        createdByUserId: actor.userId,
      })
      .returning({ id: subjects.id });
    const names = [
      ...input.aliases.map((name) => ({ subjectId: subject!.id, kind: "ALIAS" as const, name })),
      ...input.protectedAliases.map((name) => ({ subjectId: subject!.id, kind: "ALIAS" as const, name, identityProtected: true })),
      ...input.previousNames.map((name) => ({ subjectId: subject!.id, kind: "PREVIOUS_NAME" as const, name })),
    ];
    if (names.length) await tx.insert(subjectNames).values(names);
    if (input.addresses.length)
      await tx
        .insert(subjectAddresses)
        .values(input.addresses.map((a) => ({ ...a, postcode: a.postcode ?? null, subjectId: subject!.id })));
    // Counts only: the audit log never holds what was written about a person, least of all an address.
    audit.record(snapshotOf(actor), {
      type: "subject.created",
      entity: { type: "subject", id: subject!.id },
      details: {
        kind: input.kind,
        aliases: names.length,
        addresses: input.addresses.length,
        protectedAddresses: input.addresses.filter((a) => a.protected).length,
        identityProtected: input.identityProtected,
        protectedAliases: input.protectedAliases.length,
      },
    });
    return subject!.id;
  });
  return loadRecord(db, actor, id);
}

async function loadRecord(db: Db, actor: Actor, id: string): Promise<SubjectRecord> {
  const [subject] = await db
    .select()
    .from(subjects)
    .where(and(eq(subjects.id, id), visibleTo(actor, subjects)));
  if (!subject) throw new NotFoundError("The person's record");
  const [names, addresses] = await Promise.all([
    db.select().from(subjectNames).where(eq(subjectNames.subjectId, id)).orderBy(asc(subjectNames.name)),
    db.select().from(subjectAddresses).where(eq(subjectAddresses.subjectId, id)).orderBy(asc(subjectAddresses.createdAt)),
  ]);
  return { subject, names, addresses };
}

/** Opening a person's record is itself recorded: who looked, when, at whom. */
export async function viewSubject(db: Db, actor: Actor, id: string, view: string): Promise<SubjectRecord> {
  assertWorksWithRecords(actor);
  const record = await loadRecord(db, actor, id);
  await recordEvent(db, snapshotOf(actor), { type: "personal_data.viewed", entity: { type: "subject", id }, details: { view } });
  return record;
}

/** A page of the organisation's subjects; the list shown is an audited read. Search comes with its own index. */
export async function viewSubjects(db: Db, actor: Actor, page: { page: number; pageSize: number }, view: string) {
  assertWorksWithRecords(actor);
  const where = visibleTo(actor, subjects);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(subjects)
      .where(where)
      .orderBy(asc(subjects.familyName), asc(subjects.givenNames), asc(subjects.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(subjects).where(where),
  ]);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "organisation", id: actor.organisationId },
    // Which people were shown, not just how many: each one's "who has viewed this record" includes this list.
    details: { view, count: rows.length, subjectIds: rows.map((r) => r.id) },
  });
  return { rows, total: total?.n ?? 0 };
}
