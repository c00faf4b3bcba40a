import type { FastifyInstance } from "fastify";
import type { Database } from "../../../platform/db/client";
import { pageQuery } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { parseForm } from "../../../platform/web-kit/forms";
import { AUDIT_VERIFY_TIMEOUT_MS } from "../api/routes";
import { verifyAndRecord, viewAuditEvents } from "../services/audit-log";

export async function auditPages(app: FastifyInstance, { database }: { database: Database }): Promise<void> {
  app.addHook("preHandler", requireActor(["auditor", "partnership_admin", "ig_lead"]));

  app.get("/audit", async (request, reply) => {
    const { page } = parseForm(pageQuery, request.query);
    const entries = await viewAuditEvents(database.db, actorOf(request), { page, pageSize: 50, view: "web.audit.list" });
    return reply.view("audit/list", { entries, page, hasMore: entries.length === 50 });
  });

  app.post("/audit/verify", { handlerTimeout: AUDIT_VERIFY_TIMEOUT_MS }, async (request, reply) => {
    const result = await verifyAndRecord(database, actorOf(request));
    return reply.view("audit/verify", { result });
  });
}
