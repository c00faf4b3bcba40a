import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { datePartsFrom, isoFromParts } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { zodIssuesToFieldErrors } from "../../../platform/http/problem";
import { formHelpers, withFormErrors } from "../../../platform/web-kit/forms";
import { ACCURACY_LABELS, chronologyFilter, IG_ONLY_CHRONOLOGY_CATEGORIES } from "../domain/records";
import { loadSubject } from "../services/access";
import { type ChronologyEntry, viewChronology } from "../services/chronology";
import {
  ACCURACY_TAGS,
  CHRONOLOGY_CATEGORY_LABELS,
  chronologyCategoryOptions,
  RECORD_FORM,
  subjectHeader,
  subjectIdOf,
} from "./record-pages";

/** The print stylesheet and print button: served with the pages, as the layout has no slot for them. */
const ASSETS: Record<string, { type: string; body: string }> = {
  "print.css": { type: "text/css; charset=utf-8", body: fs.readFileSync(path.join(import.meta.dirname, "assets/print.css"), "utf8") },
  "print.mjs": {
    type: "text/javascript; charset=utf-8",
    body: fs.readFileSync(path.join(import.meta.dirname, "assets/print.mjs"), "utf8"),
  },
};

function categoriesFromQuery(query: Record<string, unknown>): string[] {
  const v = query.category;
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((c): c is string => typeof c === "string" && c !== "");
}

/**
 * What an entry about a record item must say about that item now: corrected (a later version replaced
 * it) or disputed, and historical. Accurate items carry no tag, so the exceptions stand out.
 */
function entryTags(e: ChronologyEntry) {
  if (!e.item) return [];
  const tags: { text: string; classes: string }[] = [];
  if (e.item.accuracy !== "ACCURATE") tags.push({ text: ACCURACY_LABELS[e.item.accuracy], classes: ACCURACY_TAGS[e.item.accuracy] });
  if (e.item.historical) tags.push({ text: "Historical", classes: "govuk-tag--grey" });
  return tags;
}

/** Where an entry links to, by what it is about: the item, the concern, the decision, the disclosure or the request. */
function entryLink(e: ChronologyEntry, subjectId: string): { href?: string; linkText: string } {
  switch (e.refType) {
    case "record_item":
      return { href: `/subjects/${subjectId}/items/${e.refId}`, linkText: "View the item" };
    case "concern":
      return { href: `/subjects/${subjectId}/concerns#concern-${e.refId}`, linkText: "View the concern" };
    case "share_decision":
      return { href: `/share-decisions/${e.refId}`, linkText: "View the decision" };
    case "disclosure":
      return e.kind === "DISCLOSURE_RECEIVED"
        ? { href: `/disclosures/${e.refId}`, linkText: "View what was received" }
        : { href: `/disclosures/${e.refId}/sent`, linkText: "View what was sent" };
    case "information_request":
      return { href: `/information-requests/${e.refId}`, linkText: "View the request" };
    case "rights_request":
      return { href: `/rights/${e.refId}`, linkText: "View the rights request" };
    default:
      return { linkText: "" };
  }
}

/** Entries per page: a year or two of a busy child's record, and a page that stays quick to load. */
export const CHRONOLOGY_PAGE_SIZE = 50;

async function chronologyPage(db: Db, request: FastifyRequest, reply: FastifyReply, printAll: boolean) {
  const actor = actorOf(request);
  const id = subjectIdOf(request);
  const query = request.query as Record<string, unknown>;
  const values = {
    category: categoriesFromQuery(query),
    from: datePartsFrom(query, "from"),
    to: datePartsFrom(query, "to"),
  };
  const filtered = values.category.length > 0 || !!isoFromParts(values.from) || !!isoFromParts(values.to);
  const page = Math.min(100_000, Math.max(1, Number.parseInt(String(query.page ?? "1"), 10) || 1));
  // The filters as they are in the address, for the pagination and print links.
  const filterParams = new URLSearchParams();
  for (const c of values.category) filterParams.append("category", c);
  for (const field of ["from", "to"] as const) {
    for (const part of ["day", "month", "year"] as const)
      if (values[field][part]) filterParams.set(`${field}-${part}`, values[field][part]);
  }
  const hrefFor = (n: number) => {
    const params = new URLSearchParams(filterParams);
    params.set("page", String(n));
    return `/subjects/${id}/chronology?${params}`;
  };
  const context = {
    ...formHelpers,
    categoryOptions: actor.roles.includes("ig_lead")
      ? chronologyCategoryOptions
      : chronologyCategoryOptions.filter((o) => !(IG_ONLY_CHRONOLOGY_CATEGORIES as readonly string[]).includes(o.value)),
    values,
    filtered,
    printAll,
    printHref: `/subjects/${id}/chronology/print${filterParams.size ? `?${filterParams}` : ""}`,
    backHref: `/subjects/${id}/chronology${filterParams.size ? `?${filterParams}` : ""}`,
    printedBy: actor.name,
    printedAt: new Date(),
  };
  return withFormErrors(
    reply,
    // The person is loaded (and scoped) by viewChronology on the way to a page; only a page of errors loads them here.
    async (summary) =>
      reply.view("records/chronology", {
        ...context,
        ...subjectHeader(await loadSubject(db, actor, id), actor, "chronology"),
        entries: null,
        ...summary,
      }),
    async () => {
      const parsed = chronologyFilter.safeParse({
        category: values.category,
        from: isoFromParts(values.from),
        to: isoFromParts(values.to),
      });
      if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error));
      const filter = parsed.data;
      const range = printAll ? "all" : { page, pageSize: CHRONOLOGY_PAGE_SIZE };
      const view = printAll ? "web.subjects.chronology.print" : "web.subjects.chronology";
      const { subject, entries, total } = await viewChronology(db, actor, id, filter, range, view);
      const pages = Math.max(1, Math.ceil(total / CHRONOLOGY_PAGE_SIZE));
      const first = printAll ? 1 : (page - 1) * CHRONOLOGY_PAGE_SIZE + 1;
      return reply.view("records/chronology", {
        ...context,
        ...subjectHeader(subject, actor, "chronology"),
        showing: filter.category.length ? filter.category.map((c) => CHRONOLOGY_CATEGORY_LABELS[c]).join(", ") : "All categories",
        from: filter.from,
        to: filter.to,
        total,
        first,
        last: first + entries.length - 1,
        previous: !printAll && page > 1 ? { href: hrefFor(page - 1) } : undefined,
        next: !printAll && page < pages ? { href: hrefFor(page + 1) } : undefined,
        entries: entries.map((e) => ({
          id: e.id,
          title: e.title,
          byline: e.recordedByName,
          date: e.occurredOn,
          summary: e.summary,
          tags: entryTags(e),
          ...entryLink(e, id),
        })),
      });
    },
    // A category outside the list can only come from an edited address: point at the checkboxes.
    { ...RECORD_FORM, dateFields: ["from", "to"], mapPath: (p) => (p.startsWith("/category") ? "/category" : p) },
  );
}

/** A child's chronology: the MOJ timeline of everything dated on their record, filterable and printable. */
export async function chronologyPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/subjects/assets/:file", async (request, reply) => {
    const asset = ASSETS[(request.params as { file: string }).file];
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header("cache-control", "public, max-age=3600").send(asset.body);
  });

  app.get("/subjects/:id/chronology", (request, reply) => chronologyPage(db, request, reply, false));
  // Every matching entry on one page, for printing: the paged timeline prints only the page shown.
  app.get("/subjects/:id/chronology/print", (request, reply) => chronologyPage(db, request, reply, true));
}
