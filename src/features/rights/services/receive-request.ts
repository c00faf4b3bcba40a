import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { type ActorSnapshot, snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { UkNation } from "../../../platform/dates/working-days";
import type { Db, Tx } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { sharingSettings } from "../../settings";
import type {} from "../audit-events";
import { complaintAcknowledgeBy, rightsDueDate } from "../domain/deadlines";
import { publicRequestInput, type RightsRequestInput, rightsRequestInput } from "../domain/inputs";
import { rightsRequests } from "../schema";
import { queueAcknowledgement } from "./acknowledge-request";
import { assertIgLead, type RightsRequestRow } from "./load-requests";
import { logEvent } from "./record-step";

/**
 * A rights request arrives (issue 6): logged by an IG lead, or made through the public form with one
 * request per organisation asked, each answering for its own data under one public reference. Its
 * statutory clock starts on the day it was received.
 */

/**
 * A reference not used before: the organisations asked together share one, and it is how they see
 * each other's progress, so two unrelated requests must never share it. 32 random bits make a clash
 * rare; the check makes it impossible short of two at the same instant.
 */
async function newReference(q: Db | Tx): Promise<string> {
  for (;;) {
    const reference = `SR-${randomBytes(4).toString("hex").toUpperCase()}`;
    const [used] = await q
      .select({ id: rightsRequests.id })
      .from(rightsRequests)
      .where(eq(rightsRequests.publicReference, reference))
      .limit(1);
    if (!used) return reference;
  }
}

function rowFor(input: RightsRequestInput, organisationId: string, reference: string, nation: UkNation, createdBy: string | null) {
  return {
    publicReference: reference,
    organisationId,
    type: input.type,
    requester: input.requester,
    relationship: input.relationship,
    about: input.about,
    details: input.details,
    receivedVia: input.receivedVia,
    receivedOn: input.receivedOn,
    clockStartedOn: input.receivedOn,
    dueOn: rightsDueDate(input.receivedOn, nation),
    acknowledgeBy: input.type === "COMPLAINT" ? complaintAcknowledgeBy(input.receivedOn, nation) : null,
    createdByUserId: createdBy,
  };
}

/** An IG lead logs a request received by letter, email, phone or in person. */
export async function logRightsRequest(db: Db, actor: Actor, raw: unknown): Promise<RightsRequestRow> {
  assertIgLead(actor);
  const input = rightsRequestInput.parse(raw);
  const nation = (await sharingSettings(db)).nation;
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(rightsRequests)
      .values(rowFor(input, actor.organisationId, await newReference(tx), nation, actor.userId))
      .returning();
    await logEvent(tx, row!.id, actor.name, `Logged: received ${ukDate(input.receivedOn)}`);
    audit.record(snapshotOf(actor), {
      type: "rights_request.logged",
      entity: { type: "rights_request", id: row!.id },
      details: { requestType: input.type, receivedVia: input.receivedVia, dueOn: row!.dueOn },
    });
    return row!;
  });
}

/**
 * The public form, with no sign-in: one request per organisation chosen, under one reference the
 * requester keeps. Nothing about the records is revealed to them, whatever they type. When they ask,
 * an acknowledgement with the reference is queued to the address they gave (acknowledge-request.ts).
 */
export async function submitPublicRequest(db: Db, raw: unknown, now = new Date()): Promise<string> {
  const input = publicRequestInput.parse(raw);
  const chosen = [...new Set(input.organisationIds)];
  const found = await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, chosen));
  if (found.length !== chosen.length)
    throw new ValidationError([{ path: "/organisationIds", message: "Choose organisations from the list" }]);
  const nation = (await sharingSettings(db)).nation;
  const reference = await newReference(db);
  const received = today(now);
  const anonymous: ActorSnapshot = { kind: "anonymous" };
  const acknowledge = !!(input.acknowledgeByEmail && input.requester.email);
  await inTransaction(db, async (tx, audit) => {
    if (acknowledge) await queueAcknowledgement(tx, reference);
    for (const organisationId of chosen) {
      const [row] = await tx
        .insert(rightsRequests)
        .values({
          ...rowFor({ ...input, receivedVia: "ONLINE_FORM", receivedOn: received }, organisationId, reference, nation, null),
          acknowledgement: acknowledge ? "QUEUED" : null,
        })
        .returning({ id: rightsRequests.id, dueOn: rightsRequests.dueOn });
      await logEvent(tx, row!.id, input.requester.name, "Made through the online form");
      audit.record(
        anonymous,
        {
          type: "rights_request.logged",
          entity: { type: "rights_request", id: row!.id },
          details: { requestType: input.type, receivedVia: "ONLINE_FORM", dueOn: row!.dueOn },
        },
        organisationId,
      );
    }
  });
  return reference;
}
