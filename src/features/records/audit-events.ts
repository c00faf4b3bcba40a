import type { ItemCategory, SubjectKind } from "./domain/information";
import type { SubjectLinkKind } from "./domain/links";
import type { ConcernCategory, RecordItemKind } from "./domain/records";

type SubjectRef = { type: "subject"; id: string };

/** People's records: subjects, their links, items and concerns. Ids and codes only, never what was written. */
export type RecordsAuditEvent =
  | {
      type: "subject.created";
      entity: SubjectRef;
      details: {
        kind: SubjectKind;
        aliases: number;
        addresses: number;
        protectedAddresses: number;
        identityProtected?: boolean;
        protectedAliases?: number;
      };
    }
  | { type: "subject.linked"; entity: SubjectRef; details: { linkId: string; kind: SubjectLinkKind; toSubjectId: string } }
  | {
      type: "record_item.recorded";
      entity: SubjectRef;
      details: { itemId: string; category: ItemCategory; kind: RecordItemKind; specialCategory: boolean; criminalOffence: boolean };
    }
  | {
      type: "record_item.corrected";
      entity: SubjectRef;
      details: { itemId: string; lineageId: string; version: number; previousId: string };
    }
  | { type: "record_item.disputed"; entity: SubjectRef; details: { itemId: string } }
  | { type: "concern.raised"; entity: SubjectRef; details: { concernId: string; category: ConcernCategory; levelOfNeed: string } }
  | { type: "concern.acknowledged"; entity: SubjectRef; details: { concernId: string } }
  | { type: "concern.closed"; entity: SubjectRef; details: { concernId: string } }
  /** The organisation closed its case on the person: closure-triggered retention runs from `closedOn` (issue 21). */
  | { type: "subject.case_closed"; entity: SubjectRef; details: { closedOn: string } }
  | { type: "subject.case_reopened"; entity: SubjectRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    records: RecordsAuditEvent;
  }
  interface AuditEntityCatalogue {
    records: "subject" | "record_item" | "concern";
  }
}
