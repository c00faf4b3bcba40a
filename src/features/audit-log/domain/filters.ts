/**
 * What a reader of the log narrows it to: who did it (a user), which person's record it was about (a
 * subject), whose trail it is in (an organisation), what kind of event, and UK days from and to
 * (YYYY-MM-DD, both included). Every one is optional; the ids are uuids, checked where they are read.
 */
export interface AuditFilters {
  actorUserId?: string;
  subjectId?: string;
  organisationId?: string;
  eventType?: string;
  from?: string;
  to?: string;
}

/** The filters that are set, in a fixed order: what an export records, and what page links carry. */
export function setFilters(filters: AuditFilters): AuditFilters {
  const keys = ["actorUserId", "subjectId", "organisationId", "eventType", "from", "to"] as const;
  return Object.fromEntries(keys.filter((k) => filters[k]).map((k) => [k, filters[k]])) as AuditFilters;
}
