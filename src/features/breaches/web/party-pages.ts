import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { message } from "../../../platform/messages";
import { bodyOf, checked, errorSummary, parseForm, str, withFormErrors } from "../../../platform/web-kit/forms";
import { ITEM_CATEGORY_LABELS } from "../../records/domain";
import { BREACHES_MESSAGES } from "../domain/messages";
import { BREACH_RULES } from "../domain/rules";
import { DEFAULT_TERM_HOURS, type loadBreachLinks } from "../services/parties";
import {
  confirmDeletion,
  viewBreachesInvolvingUs,
  viewBreachInvolvingUs,
  viewDeletionRequest,
  viewDeletionRequests,
} from "../services/party-view";

const words = BREACHES_MESSAGES.en;

/** "Education, 1 October 2026": an item's kind and date, never its text. */
const itemsText = (items: { category: keyof typeof ITEM_CATEGORY_LABELS; eventDate: string }[]) =>
  items.map((i) => ({ category: ITEM_CATEGORY_LABELS[i.category], eventDate: i.eventDate }));

/** The term in words, saying when no agreement set one and Safeshare's default applied. */
const termText = (termHours: number | null) =>
  termHours === null
    ? message(words, "parties.defaultTerm", { hours: DEFAULT_TERM_HOURS })
    : message(words, "parties.term", { hours: termHours });

/** Told on time or late, in words. */
const toldText = (p: { tellBy: Date; toldAt: Date | null }) =>
  p.toldAt
    ? `Told on ${ukDateTime(p.toldAt)}, ${p.toldAt.getTime() > p.tellBy.getTime() ? "after" : "within"} the time allowed`
    : `Not yet told: due by ${ukDateTime(p.tellBy)}`;

/** What a breach links, for its own page: its decision, its items in words and each other organisation with where it stands. */
export function linksForPage(links: Awaited<ReturnType<typeof loadBreachLinks>>) {
  return {
    decision: links.decision,
    items: itemsText(links.items),
    parties: links.parties.map((p) => ({
      id: p.id,
      organisationName: p.organisationName,
      wrongRecipient: p.role === "WRONG_RECIPIENT",
      told:
        p.role === "WRONG_RECIPIENT"
          ? p.toldAt
            ? `Asked to confirm deletion on ${ukDateTime(p.toldAt)}`
            : "About to be asked to confirm deletion"
          : toldText(p),
      term: termText(p.termHours),
      deletion:
        p.role !== "WRONG_RECIPIENT"
          ? null
          : p.deletionConfirmedAt
            ? `Confirmed by ${p.deletionConfirmedBy} on ${ukDateTime(p.deletionConfirmedAt)}`
            : "Not yet confirmed",
      deletionNote: p.deletionNote,
    })),
  };
}

/**
 * Another organisation's breach as it involves yours (issue 22), on pages: a request to delete every copy
 * of what was sent to you by mistake, confirmed here (BR-CONTAIN), and breaches that involve information
 * you shared, with where each stands (BR-TELL-CONTROLLER). Each page shows only your part.
 */
export async function breachPartyPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor());

  app.get("/breach-requests", async (request, reply) => {
    const { rows } = await viewDeletionRequests(db, actorOf(request), "web.breaches.deletion_requests", { page: 1, pageSize: 200 });
    return reply.view("breaches/deletion-requests", { requests: rows });
  });

  const requestPage = async (request: FastifyRequest, reply: FastifyReply, values = { note: "" }, summary = errorSummary([])) => {
    const { id } = parseForm(idParams, request.params);
    const r = await viewDeletionRequest(db, actorOf(request), id, "web.breaches.deletion_request");
    return reply.view("breaches/deletion-request", {
      r,
      items: r.disclosure ? itemsText(r.disclosure.items) : [],
      values,
      ...summary,
    });
  };
  app.get("/breach-requests/:id", (request, reply) => requestPage(request, reply));
  app.post("/breach-requests/:id", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const body = bodyOf(request);
    const values = { note: str(body, "note") };
    return withFormErrors(
      reply,
      (summary) => requestPage(request, reply, values, summary),
      async () => {
        await confirmDeletion(db, actorOf(request), id, { confirmed: checked(body, "confirmed") || undefined, note: values.note });
        return reply.redirect(`/breach-requests/${id}`, 303);
      },
      { onePerField: true, leadWithMessage: true },
    );
  });

  app.get("/breaches-involving-us", async (request, reply) => {
    const { rows } = await viewBreachesInvolvingUs(db, actorOf(request), "web.breaches.involving_us", { page: 1, pageSize: 200 });
    return reply.view("breaches/involving-us-list", {
      breaches: rows.map((b) => ({ ...b, stateText: words.state[b.state] })),
    });
  });

  app.get("/breaches-involving-us/:id", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const b = await viewBreachInvolvingUs(db, actorOf(request), id, "web.breaches.involving_us_one");
    const facts: { key: string; value: string }[] = [
      { key: "Recorded by", value: b.reportingOrganisation },
      { key: "Where it stands", value: words.state[b.state] },
      { key: "Risk to people", value: b.risk ? words.risk[b.risk] : "Not yet assessed" },
      { key: "Reported to the ICO", value: b.reportedToIco ? "Yes" : "Not yet" },
      { key: "They became aware of it", value: ukDateTime(b.awareAt) },
      { key: "What happened", value: b.whatHappened },
      { key: "When they must tell you", value: termText(b.termHours) },
      { key: "When you were told", value: toldText(b) },
    ];
    return reply.view("breaches/involving-us", {
      b,
      facts,
      items: b.disclosure ? itemsText(b.disclosure.items) : [],
      rules: [{ code: "BR-TELL-CONTROLLER", rule: BREACH_RULES["BR-TELL-CONTROLLER"] }],
    });
  });
}
