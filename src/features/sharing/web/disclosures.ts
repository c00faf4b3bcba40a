import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, errorSummary, formHelpers, idParam, optionsOf, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { ONWARD_DISCLOSURE_LABELS, purposeLabel } from "../../agreements/domain";
import { fullName, nhsDisplay, SUBJECT_KIND_SINGULAR, searchSubjects } from "../../records";
import {
  ITEM_CATEGORY_LABELS,
  type ItemCategory,
  RECORD_ITEM_KIND_LABELS,
  SOURCE_METHOD_LABELS,
  SUBJECT_KINDS,
} from "../../records/domain";
import type { acknowledgeNotice, viewNoticesReceived } from "../../rights";
import { NOTICE_KIND_LABELS } from "../../rights/domain";
import { disclosureState } from "../domain/disclosure-access";
import { RECIPIENT_ROLE_LABELS, type RecipientRole } from "../domain/vocabulary";
import { askSender, loadQuestions } from "../services/disclosure-questions";
import { acknowledgeDisclosure, type DisclosureSummary, loadReceived, loadSent, openReceived, viewSent } from "../services/disclosures";
import { fileDisclosure } from "../services/file-disclosure";
import { disclosureStateTag } from "./decisions";
import { questionRows } from "./questions";
import { whatYouWereTold } from "./what-you-were-told";

/** The inbox of disclosures received, the list of those sent, and reading one that arrived. */

const OUTCOMES: Record<string, string> = {
  acknowledged: "Receipt acknowledged: the sender can see it arrived.",
  "notice-acknowledged": "Notice acknowledged: the sender can see you have acted on it.",
  asked: "Question sent. The sender can see it on their record of this share, and their answer will appear on this page.",
};

/** An item as its recipient knows it, the same on the disclosure and on a notice about it: "Item 2: Health, 3 May 2026". */
function disclosedItemName(item: { number: number; category: ItemCategory; eventDate: string }): string {
  return `Item ${item.number}: ${ITEM_CATEGORY_LABELS[item.category]}, ${ukDate(item.eventDate)}`;
}

function row(d: DisclosureSummary, box: "received" | "sent") {
  return {
    href: box === "received" ? `/disclosures/${d.id}` : `/share-decisions/${d.decisionId}`,
    person: d.subject.name,
    other: box === "received" ? d.senderName : d.recipientName,
    purpose: purposeLabel(d.purposeCode),
    emergency: d.emergency,
    state: disclosureStateTag(disclosureState(d)),
    sentAt: d.sentAt,
  };
}

/**
 * The notices a recipient is sent when something it received is corrected, restricted or erased
 * (UK GDPR Art 19) are the rights feature's, shown here in the inbox beside the disclosures. Rights
 * reads disclosures, so sharing does not load rights: the composition root hands its two services in.
 */
export interface NoticeInbox {
  received: typeof viewNoticesReceived;
  acknowledge: typeof acknowledgeNotice;
}

export async function disclosurePages(app: FastifyInstance, { db, notices: inbox }: { db: Db; notices: NoticeInbox }): Promise<void> {
  app.get("/disclosures", async (request, reply) => {
    const actor = actorOf(request);
    const box = queryOf(request).box === "sent" ? "sent" : "received";
    const [rows, notices] =
      box === "received"
        ? await Promise.all([loadReceived(db, actor), inbox.received(db, actor, "web.recipient_notices")])
        : [await loadSent(db, actor), []];
    return reply.view("sharing/disclosures", {
      box,
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      notices: notices.map((n) => ({ ...n, label: NOTICE_KIND_LABELS[n.kind], itemName: disclosedItemName(n.item) })),
      rows: rows.map((d) => row(d, box)),
      tabs: [
        { text: "Shared with you", href: "/disclosures", active: box === "received" },
        { text: "Sent by you", href: "/disclosures?box=sent", active: box === "sent" },
        { text: "Share decisions", href: "/share-decisions", active: false },
        { text: "Information requests", href: "/information-requests", active: false },
      ],
    });
  });

  const page = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const actor = actorOf(request);
    const { disclosure: d, items } = await openReceived(db, actor, idParam(request, "id", "The information shared"));
    const questions = await loadQuestions(db, actor, d.id, "recipient");
    const told = whatYouWereTold(d.context, { emergency: d.emergency, redactedItems: items.filter((i) => i.redacted).length });
    // Where it might be filed: people in the recipient's own records with this name (an audited read of the results).
    const matches = d.filedSubjectId
      ? []
      : (
          await searchSubjects(
            db,
            actor,
            { q: d.subject.name, dateOfBirth: d.subject.dateOfBirth ?? undefined },
            { page: 1, pageSize: 10 },
            "web.subjects.search",
          )
        ).rows;
    const kind = (SUBJECT_KINDS as readonly string[]).includes(d.subject.kind) ? d.subject.kind : "CHILD";
    const outcome = queryOf(request).outcome ?? "";
    return reply.view("sharing/disclosure", {
      outcome: OUTCOMES[outcome],
      // Filing is confirmed where the person can see what was filed and go to it.
      filed: outcome === "filed" && d.filedSubjectId ? { count: items.length } : null,
      filedHref: d.filedSubjectId ? `/subjects/${d.filedSubjectId}` : null,
      fileItems: [
        ...matches.map((m) => ({
          value: m.id,
          text: `${fullName(m)}${m.dateOfBirth ? `, born ${ukDate(m.dateOfBirth)}` : ""}`,
          hint: { text: "Already in your records" },
        })),
        { value: "new", text: `Add ${d.subject.name} to your records` },
      ],
      kindItems: formHelpers.selectItems(optionsOf(SUBJECT_KINDS, SUBJECT_KIND_SINGULAR), kind),
      questions: questionRows(questions),
      values: { question: "" },
      errors: {},
      errorList: [],
      ...extra,
      d: {
        id: d.id,
        person: d.subject,
        nhsNumber: nhsDisplay(d.subject.nhsNumber),
        addresses: (d.subject.addresses ?? [])
          .map((a) => `${a.lines}${a.postcode ? `, ${a.postcode}` : ""}${a.protected ? " (protected)" : ""}`)
          .join("; "),
        sender: d.senderName,
        sentBy: d.sentByName,
        senderRole: told.senderRole,
        senderEmail: told.senderEmail,
        consent: told.consent,
        levelOfNeed: told.levelOfNeed,
        withheld: told.withheld,
        sentAt: d.sentAt,
        expiresAt: d.expiresAt,
        // The agreement's retention term for the recipient's copy (issue 21), when it set one; once filed, it goes with the file.
        keepUntil: d.filedSubjectId
          ? "The end of the retention period of your file it was filed onto, by your schedule"
          : d.retainUntil
            ? `${ukDate(d.retainUntil)}, by the agreement's retention term`
            : null,
        purpose: `${purposeLabel(d.purposeCode)}: ${d.purpose}`,
        role: d.recipientRole ? RECIPIENT_ROLE_LABELS[d.recipientRole as RecipientRole] : "Not stated",
        onward: ONWARD_DISCLOSURE_LABELS[d.onwardDisclosure],
        mayPassOn: d.onwardDisclosure === "PERMITTED",
        emergency: d.emergency,
        acknowledgedAt: d.acknowledgedAt,
        acknowledgedBy: d.acknowledgedByName,
      },
      items: items.map((i) => ({
        title: disclosedItemName({ number: i.position + 1, category: i.category, eventDate: i.eventDate }),
        kind: RECORD_ITEM_KIND_LABELS[i.kind],
        opinion: i.kind === "OPINION",
        text: i.text,
        redacted: i.redacted,
        historical: i.historical,
        specialCategory: i.specialCategory,
        criminalOffence: i.criminalOffence,
        disputed: i.accuracy === "DISPUTED",
        source: `${i.sourceName} (${SOURCE_METHOD_LABELS[i.sourceMethod].toLowerCase()}), obtained ${ukDate(i.sourceObtainedOn)}`,
      })),
    });
  };
  app.get("/disclosures/:id", (request, reply) => page(request, reply));
  // What the organisation sent is shown on the decision that sent it.
  app.get("/disclosures/:id/sent", async (request, reply) => {
    const { disclosure } = await viewSent(db, actorOf(request), idParam(request, "id", "The information shared"), "web.disclosures.sent");
    return reply.redirect(`/share-decisions/${disclosure.decisionId}`, 303);
  });

  app.post("/disclosures/:id/file", async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request, "id", "The information shared");
    const body = bodyOf(request);
    const target = str(body, "target");
    return withFormErrors(
      reply,
      // Whatever was refused (the choice, or a disclosure already filed), the one question on the page is where to file it.
      (_summary, refusal) =>
        page(request, reply, errorSummary([{ path: "/target", message: refusal.message ?? "Choose where to file it" }])),
      async () => {
        await fileDisclosure(db, actor, id, target === "new" ? { newSubject: true, kind: str(body, "kind") } : { subjectId: target });
        return reply.redirect(`/disclosures/${id}?outcome=filed`, 303);
      },
      { orAt: { path: "/target", message: "Choose where to file it" } },
    );
  });

  // The recipient asks the sender about what it received; the answer comes back to this page.
  app.post("/disclosures/:id/questions", async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request, "id", "The information shared");
    const question = str(bodyOf(request), "question");
    return withFormErrors(
      reply,
      (summary) => page(request, reply, { values: { question }, ...summary }),
      async () => {
        await askSender(db, actor, id, { question });
        return reply.redirect(`/disclosures/${id}?outcome=asked#questions`, 303);
      },
    );
  });

  // A notice that something received was corrected, restricted or erased (Art 19), acted on.
  app.post("/recipient-notices/:id/acknowledge", async (request, reply) => {
    await inbox.acknowledge(db, actorOf(request), idParam(request, "id", "The notice"));
    return reply.redirect("/disclosures?outcome=notice-acknowledged#notices", 303);
  });

  app.post("/disclosures/:id/acknowledge", async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request, "id", "The information shared");
    await acknowledgeDisclosure(db, actor, id);
    return reply.redirect(`/disclosures/${id}?outcome=acknowledged`, 303);
  });
}
