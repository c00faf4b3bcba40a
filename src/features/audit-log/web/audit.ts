import type { FastifyInstance, FastifyReply } from "fastify";
import type { ActorSnapshot } from "../../../platform/audit/events";
import { ukDateTime } from "../../../platform/dates/calendar";
import type { Database } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { pageQuery } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { toCsv } from "../../../platform/http/csv";
import { errorSummary, parseForm } from "../../../platform/web-kit/forms";
import { AUDIT_VERIFY_TIMEOUT_MS } from "../api/routes";
import { actorName, eventTypeOptions, nameKey } from "../domain/sentences";
import { exportAuditEvents, verifyAndRecord, viewAuditEvents } from "../services/audit-log";
import { loadFilterChoices } from "../services/filter-choices";
import { loadNames } from "../services/names";
import { filtersFromQuery, queryFor } from "./filters";

const PAGE_SIZE = 50;
const DATE_FIELDS = ["from", "to"];

export async function auditPages(app: FastifyInstance, { database }: { database: Database }): Promise<void> {
  app.addHook("preHandler", requireActor(["auditor", "partnership_admin", "ig_lead"]));
  const { db } = database;

  app.get("/audit", async (request, reply) => {
    const actor = actorOf(request);
    const { page } = parseForm(pageQuery.pick({ page: true }), { page: (request.query as Record<string, unknown>).page });
    const { typed, filters, errors } = filtersFromQuery(request.query as Record<string, unknown>);
    const choices = await loadFilterChoices(db, actor);
    const base = { typed, choices, eventTypes: eventTypeOptions() };
    if (errors.length) return reply.code(400).view("audit/list", { ...base, ...errorSummary(errors, { dateFields: DATE_FIELDS }) });

    // One more than a page tells whether there is an older page without counting the whole log.
    const found = await viewAuditEvents(db, actor, { page, pageSize: PAGE_SIZE + 1, view: "web.audit.list", filters });
    const entries = found.slice(0, PAGE_SIZE);
    const record = filters.subjectId
      ? (await loadNames(db, actor, [{ type: "subject", id: filters.subjectId }])).get(nameKey({ type: "subject", id: filters.subjectId }))
      : undefined;
    return reply.view("audit/list", {
      ...base,
      entries,
      page,
      filtered: queryFor(filters) !== "",
      recordName: record ?? "a person's record",
      newer: page > 1 ? `/audit${queryFor(filters, page - 1)}` : undefined,
      older: found.length > PAGE_SIZE ? `/audit${queryFor(filters, page + 1)}` : undefined,
      download: `/audit/export.csv${queryFor(filters)}`,
      withoutRecord: `/audit${queryFor({ ...filters, subjectId: undefined })}`,
      recordLink: (subjectId: string) => `/audit${queryFor({ ...filters, subjectId })}`,
    });
  });

  app.get("/audit/export.csv", async (request, reply: FastifyReply) => {
    const { filters, errors } = filtersFromQuery(request.query as Record<string, unknown>);
    // A download link is only ever made from filters the page accepted; one edited by hand goes back to the page to be put right.
    if (errors.length) return reply.redirect(`/audit?${new URLSearchParams(request.query as Record<string, string>).toString()}`);
    const actor = actorOf(request);
    const entries = await exportAuditEvents(db, actor, filters).catch(async (e: unknown) => {
      if (!(e instanceof ValidationError)) throw e;
      // Too many to download at once: the page again, with the filters kept and what to narrow.
      const { typed } = filtersFromQuery(request.query as Record<string, unknown>);
      const base = { typed, choices: await loadFilterChoices(db, actor), eventTypes: eventTypeOptions() };
      await reply.code(400).view("audit/list", { ...base, ...errorSummary(e.fieldErrors, { dateFields: DATE_FIELDS }) });
      return null;
    });
    if (!entries) return reply;
    const rows = entries.map(({ seq, event, sentence }) => {
      const e = event as { type: string; at: string; actor: ActorSnapshot; entity?: { type: string; id: string } };
      return [
        String(seq),
        ukDateTime(e.at),
        sentence,
        actorName(e.actor),
        e.actor.kind === "user" ? e.actor.organisationName : "",
        e.at,
        e.type,
        e.entity?.type ?? "",
        e.entity?.id ?? "",
      ];
    });
    const head = ["Number", "When", "What happened", "Who", "Their organisation", "Time (UTC)", "Event type", "About (kind)", "About (id)"];
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="audit-log.csv"')
      .send(toCsv([head, ...rows]));
  });

  app.post("/audit/verify", { handlerTimeout: AUDIT_VERIFY_TIMEOUT_MS }, async (request, reply) => {
    const result = await verifyAndRecord(database, actorOf(request));
    return reply.view("audit/verify", { result });
  });
}
