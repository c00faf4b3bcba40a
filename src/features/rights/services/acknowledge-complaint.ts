import { eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError } from "../../../platform/errors";
import type {} from "../audit-events";
import { rightsRequests } from "../schema";
import { loadRightsRequest } from "./load-requests";
import { chronicleStep } from "./record-step";

/** A complaint is acknowledged within 30 days of receipt (DUAA 2025). */
export async function acknowledgeComplaint(db: Db, actor: Actor, requestId: string): Promise<void> {
  const request = await loadRightsRequest(db, actor, requestId);
  if (request.type !== "COMPLAINT") throw new ConflictError("Only a complaint is acknowledged this way");
  if (request.acknowledgedOn) throw new ConflictError("This complaint has already been acknowledged");
  await inTransaction(db, async (tx, audit) => {
    await tx.update(rightsRequests).set({ acknowledgedOn: today() }).where(eq(rightsRequests.id, requestId));
    await chronicleStep(tx, actor, request, { kind: "RIGHTS_COMPLAINT_ACKNOWLEDGED", title: "complaintAcknowledged" });
    audit.record(snapshotOf(actor), {
      type: "rights_request.complaint_acknowledged",
      entity: { type: "rights_request", id: requestId },
      details: {},
    });
  });
}
