import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import { organisations } from "../../organisations-and-users/schema";
import { addChronologyEntry, assertWorksWithRecords, loadSubject } from "../../records";
import { SUBJECT_KINDS, type SubjectKind } from "../../records/domain";
import { recordItems, subjects } from "../../records/schema";
import type {} from "../audit-events";
import { SHARING_MESSAGES } from "../domain/messages";
import { disclosureItems, disclosures, recordItemOrigins } from "../schema";
import { readableByRecipient } from "./disclosures";

/**
 * The recipient files what it received onto its own record of the person: each disclosed item
 * becomes one of its own record items, its source recorded as the disclosing organisation, and
 * remembering (record_item_origin) whether it may be passed on. The recipient's copy is its own
 * from then on; the sender's record is never linked.
 */

export const fileInput = z.union([
  z.object({ subjectId: z.uuid({ error: "Choose the person in your records" }) }),
  z.object({ newSubject: z.literal(true), kind: z.enum(SUBJECT_KINDS, { error: "Select what kind of person this is" }) }),
]);

export async function fileDisclosure(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<string> {
  assertWorksWithRecords(actor);
  const input = fileInput.parse(raw);
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .select({ disclosure: disclosures, senderName: organisations.name })
      .from(disclosures)
      .innerJoin(organisations, eq(organisations.id, disclosures.senderOrganisationId))
      .where(and(eq(disclosures.id, id), readableByRecipient(actor, now)))
      .for("update", { of: disclosures });
    if (!row) throw new NotFoundError("The information shared");
    const { disclosure: d, senderName } = row;
    if (d.filedSubjectId) throw new ConflictError("This disclosure has already been filed onto your records");
    const subjectId =
      "subjectId" in input ? (await loadSubject(tx, actor, input.subjectId)).id : await newSubjectFrom(tx, actor, d.subject, input.kind);
    if (!("subjectId" in input)) {
      audit.record(snapshotOf(actor), {
        type: "subject.created",
        entity: { type: "subject", id: subjectId },
        details: { kind: input.kind, aliases: 0, addresses: 0, protectedAddresses: 0 },
      });
    }
    const items = await tx.select().from(disclosureItems).where(eq(disclosureItems.disclosureId, id)).orderBy(disclosureItems.position);
    if (!items.length) throw new ValidationError([{ path: "/items", message: "Nothing was disclosed to file" }]);
    const sentOn = today(d.sentAt);
    for (const item of items) {
      const itemId = crypto.randomUUID();
      await tx.insert(recordItems).values({
        id: itemId,
        lineageId: itemId,
        organisationId: actor.organisationId,
        subjectId,
        category: item.category,
        kind: item.kind,
        text: item.text,
        eventDate: item.eventDate,
        // Whose words they are (the sender's source, as the sender recorded them) and who passed them on.
        sourceName: message(SHARING_MESSAGES.en, "filing.source", { source: item.sourceName, sender: senderName, sentBy: d.sentByName }),
        sourceMethod: "FROM_ANOTHER_AGENCY",
        sourceObtainedOn: sentOn < item.eventDate ? item.eventDate : sentOn,
        historical: item.historical,
        specialCategory: item.specialCategory,
        criminalOffence: item.criminalOffence,
        accuracy: item.accuracy === "DISPUTED" ? "DISPUTED" : "ACCURATE",
        recordedByUserId: actor.userId,
      });
      await tx
        .insert(recordItemOrigins)
        .values({ itemId, disclosureId: id, fromOrganisationId: d.senderOrganisationId, onwardDisclosure: d.onwardDisclosure });
      await addChronologyEntry(tx, {
        organisationId: actor.organisationId,
        subjectId,
        occurredOn: item.eventDate,
        category: item.category,
        kind: "ITEM_RECORDED",
        title: "chronology.itemReceived",
        params: { category: item.category, kind: item.kind, sender: senderName },
        summary: item.text,
        ref: { type: "record_item", id: itemId },
        recordedByUserId: actor.userId,
      });
    }
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId,
      occurredOn: sentOn,
      category: "disclosure",
      kind: "DISCLOSURE_RECEIVED",
      title: "sharingChronology.disclosureReceived",
      params: { sender: senderName, count: items.length, sentBy: d.sentByName },
      summary: "",
      summaryCode: "sharingChronologySummary.itemsFiled",
      ref: { type: "disclosure", id },
      recordedByUserId: actor.userId,
    });
    await tx
      .update(disclosures)
      .set({
        filedSubjectId: subjectId,
        filedAt: now,
        ...(d.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedByUserId: actor.userId, acknowledgedByName: actor.name }),
      })
      .where(eq(disclosures.id, id));
    audit.record(snapshotOf(actor), {
      type: "disclosure.filed",
      entity: { type: "disclosure", id },
      details: { subjectId, items: items.length, newSubject: !("subjectId" in input) },
    });
    return subjectId;
  });
}

/** A new person in the recipient's records, with the identifying details the disclosure carried. */
async function newSubjectFrom(tx: Tx, actor: Actor, person: (typeof disclosures.$inferSelect)["subject"], kind: SubjectKind) {
  const [given, ...rest] = person.name.split(" ");
  const [row] = await tx
    .insert(subjects)
    .values({
      organisationId: actor.organisationId,
      kind,
      givenNames: person.givenNames ?? given ?? person.name,
      familyName: person.familyName ?? (rest.join(" ") || person.name),
      dateOfBirth: kind === "UNBORN_CHILD" ? null : (person.dateOfBirth ?? null),
      expectedDate: kind === "UNBORN_CHILD" ? (person.expectedDate ?? null) : null,
      nhsNumber: person.nhsNumber ?? null,
      upn: person.upn ?? null,
      createdByUserId: actor.userId,
    })
    .returning({ id: subjects.id });
  return row!.id;
}
