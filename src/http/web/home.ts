import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client";
import { hasAnyRole } from "../../domain/roles";
import { actorOf, requireActor } from "../auth/plugin";
import { agreementDashboard } from "./agreements/dashboard";

/** What each role's home page offers until the feature issues fill the dashboards in. */
function dashboardSections(roles: Parameters<typeof hasAnyRole>[0]) {
  const sections: { heading: string; text: string; href?: string; link?: string }[] = [];
  if (hasAnyRole(roles, ["practitioner", "safeguarding_lead"])) {
    sections.push({ heading: "Sharing information", text: "Records, share decisions and disclosures will appear here." });
  }
  if (hasAnyRole(roles, ["safeguarding_lead"])) {
    sections.push({ heading: "Safeguarding lead", text: "New concerns, approvals and overdue emergency records will appear here." });
  }
  if (hasAnyRole(roles, ["ig_lead"])) {
    sections.push({
      heading: "Information governance",
      text: "Draft, sign and review the partnership's data sharing agreements. Rights requests and breaches will appear here.",
      href: "/agreements",
      link: "Data sharing agreements",
    });
  }
  if (hasAnyRole(roles, ["org_admin", "partnership_admin"])) {
    sections.push({ heading: "Administration", text: "Add users and manage their roles.", href: "/users", link: "Manage users" });
  }
  if (hasAnyRole(roles, ["partnership_admin"])) {
    sections.push({
      heading: "Partnership",
      text: "Add member organisations to the partnership.",
      href: "/organisations",
      link: "Manage organisations",
    });
  }
  if (hasAnyRole(roles, ["auditor"])) {
    sections.push({
      heading: "Audit",
      text: "Read the audit log and check it has not been tampered with.",
      href: "/audit",
      link: "Open the audit log",
    });
  }
  return sections;
}

export async function homePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/", { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.view("home", { sections: dashboardSections(actor.roles), agreements: await agreementDashboard(db, actor) });
  });
  app.get("/cookies", async (_request, reply) => reply.view("cookies"));
  app.get("/accessibility", async (_request, reply) => reply.view("accessibility"));
}
