import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dateInput } from "../../../platform/dates/calendar";
import type { Database } from "../../../platform/db/client";
import { pageBody, pageOf, pageQuery, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { EVENT_SENTENCES } from "../domain/sentences";
import { countAuditEvents, verifyAndRecord, viewAuditEvents } from "../services/audit-log";

const verifySchema = z.union([
  z.object({ ok: z.literal(true), count: z.number().int(), headHash: z.string() }),
  z.object({ ok: z.literal(false), count: z.number().int(), firstBadSeq: z.number().int(), reason: z.string() }),
]);

/**
 * How long checking the audit log may take, in place of the request timeout (config.requestTimeoutMs,
 * a minute by default) that bounds every other request: the check reads the whole log, which grows
 * without end, and one cut off is a 503 to the person who asked while the check runs on and records
 * `audit.verified` regardless. The database's own limits still hold per statement: the log is read
 * 250k events per COPY (verifyAuditChain), each well inside the statement timeout at the measured
 * throughput, so a frozen database is still a prompt 503 rather than a 15-minute wait.
 */
export const AUDIT_VERIFY_TIMEOUT_MS = 15 * 60_000;

/** The audit log page's filters, by their domain names: every one optional; dates are UK days, both ends included. */
const eventsQuery = pageQuery.extend({
  actorUserId: z.uuid().optional(),
  subjectId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  eventType: z
    .string()
    .refine((t) => EVENT_SENTENCES[t] !== undefined, "Not an event type the audit log records")
    .optional(),
  from: dateInput("start date", "2026-03-27").optional(),
  to: dateInput("end date", "2026-03-31").optional(),
});

export async function auditApi(parent: FastifyInstance, { database }: { database: Database }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // onRequest: who you are is checked before your input is even parsed.
  app.addHook("onRequest", requireActor(["auditor", "partnership_admin", "ig_lead"]));
  const tags = ["audit"];

  app.get(
    "/audit/events",
    {
      schema: {
        operationId: "listAuditEvents",
        tags,
        summary: "Audit events visible to the caller, newest first, filtered; each with its sentence for people",
        querystring: eventsQuery,
        response: {
          200: pageOf(
            z.object({ seq: z.number().int(), hash: z.string(), event: z.record(z.string(), z.unknown()), sentence: z.string() }),
          ),
          ...standardErrors,
        },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const actor = actorOf(request);
      // Counted before the page is read and its reading recorded, so the total never includes this read itself.
      const total = await countAuditEvents(database.db, actor, filters);
      const entries = await viewAuditEvents(database.db, actor, { page, pageSize, filters, view: "api.audit.events" });
      return pageBody(entries, total, { page, pageSize });
    },
  );
  app.get(
    "/audit/verify",
    {
      handlerTimeout: AUDIT_VERIFY_TIMEOUT_MS,
      schema: {
        operationId: "verifyAuditChain",
        tags,
        summary: "Recompute the hash chain",
        response: { 200: verifySchema, ...standardErrors },
      },
    },
    async (request) => verifyAndRecord(database, actorOf(request)),
  );
}
