/** Seeding a demonstration or synthetic partnership: counts only. */
export type DemoAuditEvent =
  | { type: "partnership.demo_seeded"; details: { organisations: number; users: number } }
  | { type: "partnership.synthetic_seeded"; details: { subjects: number; items: number } };

declare module "../platform/audit/events" {
  interface AuditEventCatalogue {
    demo: DemoAuditEvent;
  }
}
