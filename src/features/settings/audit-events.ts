/** A partnership-wide setting changed (which one, by key). */
export type SettingsAuditEvent = {
  type: "partnership_setting.changed";
  entity: { type: "partnership_setting"; id: string };
  details: { key: string };
};

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    settings: SettingsAuditEvent;
  }
  interface AuditEntityCatalogue {
    settings: "partnership_setting";
  }
}
