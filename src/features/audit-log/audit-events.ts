/** Checking the log's chain (reads of the log itself are `personal_data.viewed`, the platform's). */
export type AuditLogAuditEvent = {
  type: "audit.verified";
  entity: { type: "audit_log"; id: "main" };
  /** `checkpoints`: how many signed checkpoints the chain was checked against, when it was. */
  details: { ok: boolean; count: number; checkpoints?: number };
};

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    "audit-log": AuditLogAuditEvent;
  }
}
