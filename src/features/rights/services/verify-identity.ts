import { eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import type {} from "../audit-events";
import { identityInput } from "../domain/inputs";
import { rightsRequests } from "../schema";
import { assertIgLead, lockedRequest } from "./load-requests";
import { chronicleStep, logEvent } from "./record-step";

/** Records the identity (and, for someone acting for another, authority) check. */
export async function verifyIdentity(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertIgLead(actor);
  const input = identityInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const row = await lockedRequest(tx, actor, id);
    if (row.relationship !== "SELF" && !input.authorityEvidence?.trim()) {
      throw new ValidationError([{ path: "/authorityEvidence", message: "Say how their authority to act for the person was checked" }]);
    }
    await tx
      .update(rightsRequests)
      .set({
        identityVerifiedAt: now,
        identityVerifiedByUserId: actor.userId,
        identityEvidence: input.evidence,
        authorityEvidence: input.authorityEvidence ?? null,
      })
      .where(eq(rightsRequests.id, id));
    await logEvent(tx, id, actor.name, "Identity verified");
    await chronicleStep(tx, actor, row, { kind: "RIGHTS_IDENTITY", title: "identityVerified" });
    audit.record(snapshotOf(actor), { type: "rights_request.identity_verified", entity: { type: "rights_request", id }, details: {} });
  });
}
