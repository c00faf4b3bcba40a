import { eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { ConflictError, ValidationError } from "../../../platform/errors";
import { sharingSettings } from "../../settings";
import type {} from "../audit-events";
import { arrivalProblem, extendedDueDate, extensionProblem, resumeClock, waitingFor } from "../domain/deadlines";
import { transitionInput } from "../domain/inputs";
import { transitionProblem } from "../domain/transitions";
import { RIGHTS_STATE_LABELS } from "../domain/vocabulary";
import { rightsRequestSubjects, rightsRequests } from "../schema";
import { assertIgLead, lockedRequest } from "./load-requests";
import { unreviewedInPack } from "./pack-contents";
import { chronicleStep, logEvent } from "./record-step";

/**
 * A request moved on through its states with the statutory clock (docs/domain.md §6): stopped while
 * waiting for the requester, extended, answered or closed, each move checked for what it needs.
 */

/**
 * Who an access request's answer is about and what of its pack is not yet reviewed, counted inside the
 * transaction that would answer the request with it.
 */
async function packState(tx: Tx, actor: Actor, requestId: string) {
  const attached = (
    await tx
      .select({ id: rightsRequestSubjects.subjectId })
      .from(rightsRequestSubjects)
      .where(eq(rightsRequestSubjects.requestId, requestId))
  ).map((s) => s.id);
  return { attached: attached.length, packUnreviewed: await unreviewedInPack(tx, actor.organisationId, requestId, attached) };
}

/** Moves a request on; an impossible move is a 409 that says why, and what each move needs is checked. */
export async function transitionRightsRequest(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertIgLead(actor);
  const input = transitionInput.parse(raw);
  const nation = (await sharingSettings(db)).nation;
  await inTransaction(db, async (tx, audit) => {
    const row = await lockedRequest(tx, actor, id);
    const problem = transitionProblem(row.state, input.to, {
      identityVerified: row.identityVerifiedAt !== null,
      ...(row.type === "ACCESS" && input.to === "RESPONDED" ? await packState(tx, actor, id) : {}),
      outcome: input.outcome,
      nothingHeld: input.nothingHeld,
    });
    if (problem) throw new ConflictError(problem);
    const on = today(now);
    const changes: Partial<typeof rightsRequests.$inferInsert> = { state: input.to };
    const missing = (path: string, message: string) => new ValidationError([{ path, message }]);
    const waited = waitingFor(row.state);
    let what: string = RIGHTS_STATE_LABELS[input.to];
    if (waited && input.to !== "CLOSED") {
      // What was waited for has arrived, on the day the IG lead gives (today unless they say).
      const arrivedOn = input.receivedOn ?? on;
      const problem = arrivalProblem(row, arrivedOn);
      if (problem) throw missing("/receivedOn", problem);
      const stopped = {
        waitingFor: waited,
        clockStartedOn: row.clockStartedOn,
        daysPaused: row.daysPaused,
        pausedSince: row.pausedSince ?? on,
        extended: row.extensionReason !== null,
      };
      Object.assign(changes, resumeClock(stopped, arrivedOn, nation), { pausedSince: null });
      what += `: ${waited === "identity" ? "proof of identity" : "clarification"} arrived ${ukDate(arrivedOn)}`;
    }
    if (waitingFor(input.to)) changes.pausedSince = on;
    if (input.to === "EXTENDED") {
      if (!input.reason) throw missing("/reason", "Say why the request is complex or numerous enough to extend");
      if (!input.requesterToldOn) throw missing("/requesterToldOn", "Record when the requester was told of the extension and why");
      const problem = extensionProblem(row, on, input.requesterToldOn);
      if (problem) throw missing("/requesterToldOn", problem);
      changes.extensionReason = input.reason;
      changes.requesterToldOfExtensionOn = input.requesterToldOn;
      changes.dueOn = extendedDueDate(row.clockStartedOn, nation, row.daysPaused);
    }
    if (input.to === "RESPONDED") {
      if (!input.outcome) throw missing("/outcome", "Select whether the response is full, partial or a refusal");
      if (input.outcome !== "FULL" && !input.reason)
        throw missing(
          "/reason",
          "Give the reasons for a partial response or a refusal; the requester is told of their right to complain to the ICO",
        );
      if (input.nothingHeld) what += ": the records hold nothing about the person";
      // The risk as it stands now (a link may have been recorded since the person was attached), kept with the response.
      changes.harmRisk = row.harmRisk;
      if (row.harmRisk) {
        if (!input.safetyCheck)
          throw missing("/safetyCheck", "The requester may be a risk to the person: record the safety check made before anything is sent");
        // Recorded where the IG leads read the request's history: the check is what made sending it safe.
        what += `. Safety check: ${input.safetyCheck}`;
      }
      changes.outcome = input.outcome;
      changes.responseReasons = input.reason ?? null;
      changes.respondedAt = now;
    }
    if (input.to === "CLOSED") {
      if (row.state !== "RESPONDED" && !input.reason)
        throw missing("/reason", "Say why it is closed without a response (withdrawn, or never clarified)");
      changes.closedAt = now;
      changes.closeReason = input.reason ?? null;
    }
    await tx.update(rightsRequests).set(changes).where(eq(rightsRequests.id, id));
    await logEvent(tx, id, actor.name, what, row.state, input.to);
    await chronicleStep(tx, actor, row, {
      kind: `RIGHTS_${input.to}`,
      title: "state",
      params: { state: input.to },
      summary: input.reason,
      on,
    });
    audit.record(snapshotOf(actor), {
      type: "rights_request.transitioned",
      entity: { type: "rights_request", id },
      details: { from: row.state, to: input.to, dueOn: changes.dueOn ?? row.dueOn, outcome: input.outcome ?? null },
    });
  });
}
