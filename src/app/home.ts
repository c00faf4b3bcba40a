import type { FastifyInstance } from "fastify";
import { agreementDashboard } from "../features/agreements";
import { RECORD_ROLES, viewConcernsAwaitingAcknowledgement } from "../features/records";
import { CONCERN_CATEGORY_LABELS } from "../features/records/domain";
import { levelsOfNeed } from "../features/settings";
import { sharingDashboard } from "../features/sharing";
import { hasAnyRole } from "../platform/auth/roles";
import type { Db } from "../platform/db/client";
import { actorOf, requireActor } from "../platform/http/auth/plugin";

/** What each role's home page offers until the feature issues fill the dashboards in. */
function dashboardSections(roles: Parameters<typeof hasAnyRole>[0]) {
  const sections: { heading: string; text: string; href?: string; link?: string }[] = [];
  if (hasAnyRole(roles, RECORD_ROLES)) {
    sections.push({
      heading: "Records",
      text: "Find a child or the people around them, add record items and raise concerns, and decide whether to share.",
      href: "/subjects",
      link: "Find or add a person",
    });
  }
  if (hasAnyRole(roles, ["safeguarding_lead"])) {
    sections.push({
      heading: "Safeguarding lead",
      text: "Emergency shares whose record is due and decisions awaiting your approval show above, with new concerns.",
      href: "/share-decisions",
      link: "Your organisation's share decisions",
    });
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

/**
 * The DSL alert: the organisation's new concerns, oldest first, until a safeguarding lead acknowledges
 * each one. Only the child's name and the kind of concern; the service records that the list was seen.
 */
async function concernDashboard(db: Db, actor: ReturnType<typeof actorOf>) {
  if (!actor.roles.includes("safeguarding_lead")) return null;
  const [waiting, scale] = await Promise.all([viewConcernsAwaitingAcknowledgement(db, actor, "web.home.concerns"), levelsOfNeed(db)]);
  return waiting.map((c) => ({
    href: `/subjects/${c.subjectId}/concerns#concern-${c.id}`,
    acknowledgeHref: `/subjects/${c.subjectId}/concerns/${c.id}/acknowledge`,
    child: `${c.givenNames} ${c.familyName}`,
    category: CONCERN_CATEGORY_LABELS[c.category],
    levelOfNeed: scale.find((l) => l.code === c.levelOfNeed)?.label ?? c.levelOfNeed,
    raisedAt: c.raisedAt,
  }));
}

export async function homePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/", { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.view("home", {
      sections: dashboardSections(actor.roles),
      agreements: await agreementDashboard(db, actor),
      concerns: await concernDashboard(db, actor),
      sharing: await sharingDashboard(db, actor),
    });
  });
  app.get("/cookies", async (_request, reply) => reply.view("cookies"));
  app.get("/accessibility", async (_request, reply) => reply.view("accessibility"));
}
