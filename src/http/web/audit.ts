import type { FastifyInstance } from "fastify";
import type { Database } from "../../db/client";
import { listAuditEvents, verifyAndRecord } from "../../services/audit-log";
import { AUDIT_VERIFY_TIMEOUT_MS } from "../api/audit/routes";
import { pageQuery } from "../api/shared";
import { actorOf, requireActor } from "../auth/plugin";
import { parseForm } from "./forms";

export async function auditPages(app: FastifyInstance, { database }: { database: Database }): Promise<void> {
  app.addHook("preHandler", requireActor(["auditor", "partnership_admin", "ig_lead"]));

  app.get("/audit", async (request, reply) => {
    const { page } = parseForm(pageQuery, request.query);
    const entries = await listAuditEvents(database.db, actorOf(request), { page, pageSize: 50, view: "web.audit.list" });
    return reply.view("audit/list", { entries, page, hasMore: entries.length === 50 });
  });

  app.post("/audit/verify", { handlerTimeout: AUDIT_VERIFY_TIMEOUT_MS }, async (request, reply) => {
    const result = await verifyAndRecord(database, actorOf(request));
    return reply.view("audit/verify", { result });
  });
}
