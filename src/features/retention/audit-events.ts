import type { HoldScope } from "./domain/holds";
import type { DisposalAction, RetentionAction, RetentionCategory, RetentionTrigger } from "./domain/schedule";

type OrganisationRef = { type: "organisation"; id: string };
type HoldRef = { type: "legal_hold"; id: string };
type BatchRef = { type: "disposal_batch"; id: string };
type SubjectRef = { type: "subject"; id: string };

/**
 * Retention (issue 21): schedule changes, holds, reviews and disposals. Ids, codes, counts and the
 * certificate's hash only: never a name, a hold's wording or anything that was disposed of.
 */
export type RetentionAuditEvent =
  | {
      type: "retention.rule_changed";
      entity: OrganisationRef;
      details: {
        category: RetentionCategory;
        trigger: RetentionTrigger;
        periodMonths: number;
        action: RetentionAction;
        belowMinimum: boolean;
      };
    }
  | { type: "retention.rule_reset"; entity: OrganisationRef; details: { category: RetentionCategory } }
  | { type: "retention.hold_set"; entity: HoldRef; details: { scope: HoldScope; subjects: number; categories: RetentionCategory[] } }
  | { type: "retention.hold_lifted"; entity: HoldRef; details: Record<string, never> }
  | { type: "retention.file_kept"; entity: SubjectRef | { type: "disclosure"; id: string }; details: { keepId: string; keepUntil: string } }
  | {
      type: "retention.disposal_proposed";
      entity: BatchRef;
      details: { category: RetentionCategory; action: DisposalAction; files: number };
    }
  | { type: "retention.disposal_cancelled"; entity: BatchRef; details: Record<string, never> }
  | {
      type: "retention.disposal_executed";
      entity: BatchRef;
      details: { action: DisposalAction; files: number; items: number; subjectIds: string[]; certificateHash: string };
    }
  | { type: "retention.disposal_blocked"; entity: BatchRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    retention: RetentionAuditEvent;
  }
  interface AuditEntityCatalogue {
    retention: "legal_hold" | "disposal_batch";
  }
}
