import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../../db/client";
import { ValidationError } from "../../../domain/errors";
import { ACCURACY_LABELS, chronologyFilter } from "../../../domain/records";
import { type ChronologyEntry, readChronology } from "../../../services/records/chronology";
import { actorOf } from "../../auth/plugin";
import { zodIssuesToFieldErrors } from "../../problem";
import { formHelpers } from "../agreements/shared";
import {
  ACCURACY_TAGS,
  CHRONOLOGY_CATEGORY_LABELS,
  chronologyCategoryOptions,
  datePartsFromQuery,
  isoFromParts,
  loadSubject,
  subjectHeader,
  subjectIdOf,
  withRecordErrors,
} from "./shared";

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

/** A child's chronology: the MOJ timeline of everything dated on their record, filterable and printable. */
export async function chronologyPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/subjects/assets/:file", async (request, reply) => {
    const asset = ASSETS[(request.params as { file: string }).file];
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header("cache-control", "public, max-age=3600").send(asset.body);
  });

  app.get("/subjects/:id/chronology", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const query = request.query as Record<string, unknown>;
    const values = {
      category: categoriesFromQuery(query),
      from: datePartsFromQuery(query, "from"),
      to: datePartsFromQuery(query, "to"),
    };
    const filtered = values.category.length > 0 || !!isoFromParts(values.from) || !!isoFromParts(values.to);
    const context = {
      ...formHelpers,
      ...subjectHeader(subject, actor, "chronology"),
      categoryOptions: chronologyCategoryOptions,
      values,
      filtered,
      printedBy: actor.name,
      printedAt: new Date(),
    };
    return withRecordErrors(
      reply,
      (summary) => reply.view("subjects/chronology", { ...context, entries: null, ...summary }),
      async () => {
        const parsed = chronologyFilter.safeParse({
          category: values.category,
          from: isoFromParts(values.from),
          to: isoFromParts(values.to),
        });
        if (!parsed.success) throw new ValidationError(zodIssuesToFieldErrors(parsed.error));
        const filter = parsed.data;
        const { entries } = await readChronology(db, actor, id, filter, "web.subjects.chronology");
        return reply.view("subjects/chronology", {
          ...context,
          showing: filter.category.length ? filter.category.map((c) => CHRONOLOGY_CATEGORY_LABELS[c]).join(", ") : "All categories",
          from: filter.from,
          to: filter.to,
          entries: entries.map((e) => ({
            id: e.id,
            title: e.title,
            byline: e.recordedByName,
            date: e.occurredOn,
            summary: e.summary,
            tags: entryTags(e),
            href:
              e.refType === "record_item"
                ? `/subjects/${id}/items/${e.refId}`
                : e.refType === "concern"
                  ? `/subjects/${id}/concerns#concern-${e.refId}`
                  : undefined,
            linkText: e.refType === "record_item" ? "View the item" : "View the concern",
          })),
        });
      },
      // A category outside the list can only come from an edited address: point at the checkboxes.
      { dateFields: ["from", "to"], mapPath: (p) => (p.startsWith("/category") ? "/category" : p) },
    );
  });
}
