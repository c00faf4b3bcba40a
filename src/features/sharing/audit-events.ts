import type { DecisionStatus } from "./domain/records";
import type { Outcome } from "./domain/vocabulary";

type SubjectRef = { type: "subject"; id: string };
type DisclosureRef = { type: "disclosure"; id: string };
type RequestRef = { type: "information_request"; id: string };

/** Share decisions, the disclosures that carry them, and requests for information. */
export type SharingAuditEvent =
  /** A share decision recorded, whichever way it went; `warnings` the codes acknowledged (or, in an emergency, left to complete). */
  | {
      type: "share_decision.recorded";
      entity: SubjectRef;
      details: {
        decisionId: string;
        outcome: Outcome;
        status: DecisionStatus;
        emergency: boolean;
        recipientOrganisationId: string | null;
        agreementId: string | null;
        agreementVersion: number | null;
        items: number;
        warnings: string[];
      };
    }
  | { type: "share_decision.approved" | "share_decision.returned"; entity: SubjectRef; details: { decisionId: string } }
  | { type: "share_decision.addendum_added"; entity: SubjectRef; details: { decisionId: string; kind: string } }
  | {
      type: "disclosure.sent";
      entity: SubjectRef;
      details: { disclosureId: string; decisionId: string; recipientOrganisationId: string; items: number; redactedItems: number };
    }
  /** The recipient opened it: a read of personal data, in the recipient organisation's trail. */
  | { type: "disclosure.opened"; entity: DisclosureRef; details: { senderOrganisationId: string; first: boolean } }
  | { type: "disclosure.acknowledged"; entity: DisclosureRef; details: { senderOrganisationId: string } }
  /** The sender chased a disclosure not acknowledged in time. */
  | { type: "disclosure.chased"; entity: DisclosureRef; details: { recipientOrganisationId: string } }
  | { type: "disclosure.revoked"; entity: DisclosureRef; details: { recipientOrganisationId: string } }
  | { type: "disclosure.filed"; entity: DisclosureRef; details: { subjectId: string; items: number; newSubject: boolean } }
  /** The recipient asked the sender a question about it: in the recipient organisation's trail. */
  | { type: "disclosure.question_asked"; entity: DisclosureRef; details: { questionId: string; senderOrganisationId: string } }
  /** The sender answered: in the sender organisation's trail. */
  | { type: "disclosure.question_answered"; entity: DisclosureRef; details: { questionId: string; recipientOrganisationId: string } }
  | {
      type: "information_request.made";
      entity: RequestRef;
      details: { requestedOrganisationId: string; urgency: string; dueOn: string; purposeCode: string };
    }
  | { type: "information_request.withdrawn"; entity: RequestRef; details: Record<string, never> }
  | { type: "information_request.answer_acknowledged"; entity: RequestRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    sharing: SharingAuditEvent;
  }
  interface AuditEntityCatalogue {
    sharing: "share_decision" | "disclosure" | "information_request";
  }
}
