import { type DateParts, dateFromParts, datePartsFrom, datePartsOf } from "../../../platform/dates/calendar";
import type { FieldError } from "../../../platform/errors";
import type { AuditFilters } from "../domain/filters";
import { EVENT_SENTENCES } from "../domain/sentences";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter form as typed, so the page shows it again (and its links carry it) whatever was wrong with it. */
export interface TypedFilters {
  person: string;
  record: string;
  organisation: string;
  type: string;
  from: DateParts;
  to: DateParts;
}

/**
 * The audit log's filters from the page's query string: what was typed, the filters it means, and
 * a message at each field that is not one the page offered. The form is a GET, so filters are in
 * the address: a reload, a bookmark and the next page keep them.
 */
export function filtersFromQuery(query: Record<string, unknown>): { typed: TypedFilters; filters: AuditFilters; errors: FieldError[] } {
  const one = (name: string) => {
    const v = query[name];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === "string" ? first.trim() : "";
  };
  const typed: TypedFilters = {
    person: one("person"),
    record: one("record"),
    organisation: one("organisation"),
    type: one("type"),
    from: datePartsFrom(query, "from"),
    to: datePartsFrom(query, "to"),
  };
  const errors: FieldError[] = [];
  const id = (value: string, path: string, messageText: string) => {
    if (!value) return undefined;
    if (UUID.test(value)) return value.toLowerCase();
    errors.push({ path, message: messageText });
    return undefined;
  };
  const actorUserId = id(typed.person, "/person", "Choose a person from the list");
  const subjectId = id(typed.record, "/record", "This link to a record's events is not right: remove the record filter and try again");
  const organisationId = id(typed.organisation, "/organisation", "Choose an organisation from the list");
  let eventType: string | undefined;
  if (typed.type) {
    if (EVENT_SENTENCES[typed.type]) eventType = typed.type;
    else errors.push({ path: "/type", message: "Choose what happened from the list" });
  }
  const from = dateFromParts(typed.from, "/from", errors, "The start date") ?? undefined;
  const to = dateFromParts(typed.to, "/to", errors, "The end date") ?? undefined;
  if (from && to && to < from) errors.push({ path: "/to", message: "The end date must be the same as or after the start date" });
  const filters: AuditFilters = { actorUserId, subjectId, organisationId, eventType, from, to };
  return { typed, filters, errors };
}

/** The query string for these filters (and a page), for the paging and download links. */
export function queryFor(filters: AuditFilters, page?: number): string {
  const params = new URLSearchParams();
  if (filters.actorUserId) params.set("person", filters.actorUserId);
  if (filters.subjectId) params.set("record", filters.subjectId);
  if (filters.organisationId) params.set("organisation", filters.organisationId);
  if (filters.eventType) params.set("type", filters.eventType);
  for (const [name, iso] of [
    ["from", filters.from],
    ["to", filters.to],
  ] as const) {
    if (!iso) continue;
    const parts = datePartsOf(iso);
    params.set(`${name}-day`, parts.day);
    params.set(`${name}-month`, parts.month);
    params.set(`${name}-year`, parts.year);
  }
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
