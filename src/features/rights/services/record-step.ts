import { eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Tx } from "../../../platform/db/client";
import { addChronologyEntry } from "../../records";
import type { ChronologyParams } from "../../records/domain";
import type { RIGHTS_MESSAGES } from "../domain/messages";
import type { RightsState } from "../domain/vocabulary";
import { rightsRequestEvents, rightsRequestSubjects } from "../schema";

/**
 * Where each step of a request is written down: on the request's own history, and on the chronology
 * of the people it is about. Every service that moves a request on writes through these.
 */

/** The steps a request's chronology entries name (the rights catalogue's `rightsChronology`). */
export type RightsChronologyStep = keyof (typeof RIGHTS_MESSAGES)["en"]["rightsChronology"] & string;

/**
 * A step of the request on the chronology of each person attached (or of those given), in the
 * `rights` category that only IG leads see: the person's timeline shows what their rights changed.
 */
export async function chronicleStep(
  tx: Tx,
  actor: Actor,
  request: { id: string; publicReference: string },
  step: { kind: string; title: RightsChronologyStep; params?: ChronologyParams; summary?: string; on?: string },
  subjectIds?: readonly string[],
): Promise<void> {
  const ids =
    subjectIds ??
    (
      await tx
        .select({ id: rightsRequestSubjects.subjectId })
        .from(rightsRequestSubjects)
        .where(eq(rightsRequestSubjects.requestId, request.id))
    ).map((s) => s.id);
  for (const subjectId of ids) {
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId,
      occurredOn: step.on ?? today(),
      category: "rights",
      kind: step.kind,
      title: `rightsChronology.${step.title}`,
      params: { ...step.params, reference: request.publicReference },
      summary: step.summary ?? "",
      ref: { type: "rights_request", id: request.id },
      recordedByUserId: actor.userId,
    });
  }
}

/** A line on the request's own history, shown on its page. */
export async function logEvent(tx: Tx, requestId: string, byName: string, what: string, from?: RightsState, to?: RightsState) {
  await tx.insert(rightsRequestEvents).values({ requestId, byName, what, fromState: from ?? null, toState: to ?? null });
}
