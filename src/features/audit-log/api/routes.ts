import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../../platform/db/client";
import { pageQuery, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { verifyAndRecord, viewAuditEvents } from "../services/audit-log";

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

export async function auditApi(parent: FastifyInstance, { database }: { database: Database }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // onRequest: who you are is checked before your input is even parsed.
  app.addHook("onRequest", requireActor(["auditor", "partnership_admin", "ig_lead"]));
  const tags = ["audit"];

  app.get(
    "/audit/events",
    {
      schema: {
        tags,
        summary: "Audit events visible to the caller, newest first",
        querystring: pageQuery,
        response: {
          200: z.object({
            items: z.array(z.object({ seq: z.number().int(), hash: z.string(), event: z.record(z.string(), z.unknown()) })),
          }),
          ...standardErrors,
        },
      },
    },
    async (request) => ({ items: await viewAuditEvents(database.db, actorOf(request), { ...request.query, view: "api.audit.events" }) }),
  );
  app.get(
    "/audit/verify",
    {
      handlerTimeout: AUDIT_VERIFY_TIMEOUT_MS,
      schema: { tags, summary: "Recompute the hash chain", response: { 200: verifySchema, ...standardErrors } },
    },
    async (request) => verifyAndRecord(database, actorOf(request)),
  );
}
