type RightsRef = { type: "rights_request"; id: string };

/** A data subject's rights request from logging to outcome, and the notices it sends to recipients. */
export type RightsAuditEvent =
  | { type: "rights_request.logged"; entity: RightsRef; details: { requestType: string; receivedVia: string; dueOn: string } }
  | { type: "rights_request.identity_verified"; entity: RightsRef; details: Record<string, never> }
  | { type: "rights_request.transitioned"; entity: RightsRef; details: { from: string; to: string; dueOn: string; outcome: string | null } }
  | { type: "rights_request.subject_attached"; entity: RightsRef; details: { subjectId: string; harmRisk: boolean } }
  | { type: "rights_request.item_reviewed"; entity: RightsRef; details: { itemId: string; decision: string; exemption: string | null } }
  /** An access request's review of one entry of who the information was shared with: listed or withheld. */
  | {
      type: "rights_request.recipient_reviewed";
      entity: RightsRef;
      details: { disclosureId: string; decision: string; exemption: string | null };
    }
  /** A correction, statement, restriction or erasure decision; only ids, so an erased item's text is not kept here. */
  | { type: "rights_request.item_action"; entity: RightsRef; details: { itemId: string; kind: string; recipientsNotified: number } }
  | { type: "rights_request.complaint_acknowledged"; entity: RightsRef; details: Record<string, never> }
  /** The public form's acknowledgement email: sent, withheld by the harm check, or given up after its retries. */
  | { type: "rights_request.acknowledgement_emailed"; entity: RightsRef; details: Record<string, never> }
  | { type: "rights_request.acknowledgement_withheld"; entity: RightsRef; details: Record<string, never> }
  | { type: "rights_request.acknowledgement_not_emailed"; entity: RightsRef; details: Record<string, never> }
  | { type: "rights_request.processing_decided"; entity: RightsRef; details: { article6: string; decision: string; subjects: number } }
  | { type: "recipient_notice.acknowledged"; entity: RightsRef; details: { noticeId: string } };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    rights: RightsAuditEvent;
  }
  interface AuditEntityCatalogue {
    rights: "rights_request";
  }
}
