import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { unreadCount } from "../features/notifications";
import { RECORD_ROLES } from "../features/records";
import { SHARING_MESSAGES } from "../features/sharing/domain/messages";
import { ADMINISTRATOR_ROLES, hasAnyRole } from "../platform/auth/roles";
import type { Db } from "../platform/db/client";
import { actorOf, requireActor } from "../platform/http/auth/plugin";
import { type ErrorSummary, queryOf } from "../platform/web-kit/forms";
import { yourWork } from "./your-work";

/** What each role's home page offers beneath its work: where each part of Safeshare starts. */
function dashboardSections(roles: Parameters<typeof hasAnyRole>[0]) {
  const sections: { heading: string; text: string; href?: string; link?: string; more?: { href: string; link: string } }[] = [];
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
      text: "Emergency records due, decisions awaiting your approval, new concerns and requests to answer are in your work above.",
      href: "/share-decisions",
      link: "Your organisation's share decisions",
    });
  }
  if (hasAnyRole(roles, ["ig_lead"])) {
    sections.push({
      heading: "Information governance",
      text: "Draft, sign and review the partnership's data sharing agreements, and answer rights requests.",
      href: "/agreements",
      link: "Data sharing agreements",
    });
  }
  if (hasAnyRole(roles, ADMINISTRATOR_ROLES)) {
    sections.push({ heading: "Administration", text: "Add users and manage their roles.", href: "/users", link: "Manage users" });
  }
  if (hasAnyRole(roles, ["partnership_admin"])) {
    sections.push({
      heading: "Partnership",
      text: "Add member organisations to the partnership, and see that Safeshare's background work, such as emailing notifications, is getting done.",
      href: "/organisations",
      link: "Manage organisations",
      more: { href: "/background-jobs", link: "Background jobs" },
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

/** What the home page says once a form posted from it has done its work (`?outcome=`). */
const OUTCOMES: Record<string, string> = { chased: SHARING_MESSAGES.en.sharingWork.chased };

/**
 * The home page: the actor's work first, soonest due first (`yourWork`), then where each part of
 * Safeshare starts. Rendered again with an error summary when a command posted from it is refused.
 */
export const homePage =
  (db: Db) =>
  async (request: FastifyRequest, reply: FastifyReply, summary: ErrorSummary = { errors: {}, errorList: [] }) => {
    const actor = actorOf(request);
    return reply.view("home", {
      sections: dashboardSections(actor.roles),
      work: await yourWork(db, actor),
      unreadNotifications: await unreadCount(db, actor),
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      ...summary,
    });
  };

export async function homePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const home = homePage(db);
  app.get("/", { preHandler: requireActor() }, (request, reply) => home(request, reply));
  app.get("/cookies", async (_request, reply) => reply.view("cookies"));
  app.get("/accessibility", async (_request, reply) => reply.view("accessibility"));
}
