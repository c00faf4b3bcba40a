import { and, eq, inArray } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { ConflictError, ValidationError } from "../../../platform/errors";
import type {} from "../audit-events";
import { ACTIONS_NEEDING_REASON, type AgreementAction, nextStatus } from "../domain/lifecycle";
import { agreements, agreementVersions } from "../schema";
import { lockAgreement } from "./agreement-writes";
import { assertCanManage } from "./edit-agreement";
import { type ListedAgreement, loadAgreement } from "./queries";
import { returnToDraft, sendForSignature } from "./versions";

/**
 * Moves an agreement through its lifecycle. An invalid move is a conflict with the reason, never a
 * silent no-op. Taking an agreement out of force needs a recorded reason.
 */
export async function changeAgreementStatus(
  db: Db,
  actor: Actor,
  id: string,
  action: AgreementAction,
  input: { reason?: string; changeSummary?: string } = {},
): Promise<ListedAgreement> {
  const reason = input.reason?.trim();
  if (ACTIONS_NEEDING_REASON.includes(action) && !reason) {
    throw new ValidationError([{ path: "/reason", message: "Give the reason, so the decision can be explained later" }]);
  }
  const visible = await loadAgreement(db, actor, id);
  assertCanManage(actor, visible);
  // Sending and recalling a version also apply to a variation of an agreement in force, whose status
  // does not change; those services check the version's own state.
  if (action === "send_for_signature") await sendForSignature(db, actor, id, input);
  else if (action === "return_to_draft") await returnToDraft(db, actor, id, reason!);
  else {
    const check = nextStatus(visible.status, action);
    if (!check.ok) throw new ConflictError(check.reason);
    await inTransaction(db, async (tx, audit) => {
      const agreement = await lockAgreement(tx, id);
      const move = nextStatus(agreement.status, action);
      if (!move.ok) throw new ConflictError(move.reason);
      await tx
        .update(agreements)
        .set({ status: move.to, statusReason: reason ?? null, updatedAt: new Date() })
        .where(eq(agreements.id, id));
      if (move.to === "EXPIRED" || move.to === "TERMINATED") {
        // A closed agreement can no longer be varied or joined.
        await tx
          .update(agreementVersions)
          .set({ state: "DISCARDED", updatedAt: new Date() })
          .where(and(eq(agreementVersions.agreementId, id), inArray(agreementVersions.state, ["DRAFT", "AWAITING_SIGNATURES"])));
      }
      audit.record(snapshotOf(actor), {
        type: "agreement.status_changed",
        entity: { type: "agreement", id },
        details: { from: agreement.status, to: move.to, action },
      });
    });
  }
  return loadAgreement(db, actor, id);
}
