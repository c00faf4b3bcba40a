import type { AuditFilters } from "./domain/filters";

/** Checking and exporting the log (reads of the log itself are `personal_data.viewed`, the platform's). */
export type AuditLogAuditEvent =
  | {
      type: "audit.verified";
      entity: { type: "audit_log"; id: "main" };
      /** `checkpoints`: how many signed checkpoints the chain was checked against, when it was. */
      details: { ok: boolean; count: number; checkpoints?: number };
    }
  /** The filtered view was downloaded as CSV: the filters that were set (ids, an event type and UK days) and how many events it held. */
  | {
      type: "audit.exported";
      entity: { type: "audit_log"; id: "main" };
      details: { filters: AuditFilters; count: number };
    };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    "audit-log": AuditLogAuditEvent;
  }
}
