import type { FastifyInstance } from "fastify";
import type { Db } from "../../../db/client";
import { ONWARD_DISCLOSURE_LABELS } from "../../../domain/agreements/content";
import { ITEM_CATEGORY_LABELS } from "../../../domain/information";
import { PURPOSE_LABELS, type PurposeCode } from "../../../domain/purposes";
import { RECORD_ITEM_KIND_LABELS, SOURCE_METHOD_LABELS } from "../../../domain/records";
import { RECIPIENT_ROLE_LABELS, type RecipientRole } from "../../../domain/sharing/vocabulary";
import {
  acknowledgeDisclosure,
  type DisclosureSummary,
  disclosureState,
  listReceived,
  listSent,
  openReceived,
} from "../../../services/sharing/disclosures";
import { actorOf } from "../../auth/plugin";
import { queryOf } from "../agreements/shared";
import { idParam, nhsDisplay } from "../subjects/shared";
import { DISCLOSURE_STATE_LABELS } from "./decisions";

/** The inbox of disclosures received, the list of those sent, and reading one that arrived. */

const OUTCOMES: Record<string, string> = { acknowledged: "Receipt acknowledged: the sender can see it arrived." };

function row(d: DisclosureSummary, box: "received" | "sent") {
  return {
    href: box === "received" ? `/disclosures/${d.id}` : `/share-decisions/${d.decisionId}`,
    person: d.subject.name,
    other: box === "received" ? d.senderName : d.recipientName,
    purpose: PURPOSE_LABELS[d.purposeCode as PurposeCode] ?? d.purposeCode,
    emergency: d.emergency,
    state: DISCLOSURE_STATE_LABELS[disclosureState(d)],
    sentAt: d.sentAt,
  };
}

export async function disclosurePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/disclosures", async (request, reply) => {
    const actor = actorOf(request);
    const box = queryOf(request).box === "sent" ? "sent" : "received";
    const rows = box === "received" ? await listReceived(db, actor) : await listSent(db, actor);
    return reply.view("sharing/disclosures", {
      box,
      rows: rows.map((d) => row(d, box)),
      tabs: [
        { text: "Received", href: "/disclosures", active: box === "received" },
        { text: "Sent", href: "/disclosures?box=sent", active: box === "sent" },
        { text: "Share decisions", href: "/share-decisions", active: false },
      ],
    });
  });

  app.get("/disclosures/:id", async (request, reply) => {
    const actor = actorOf(request);
    const { disclosure: d, items } = await openReceived(db, actor, idParam(request, "id", "The disclosure"));
    return reply.view("sharing/disclosure", {
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      d: {
        id: d.id,
        person: d.subject,
        nhsNumber: nhsDisplay(d.subject.nhsNumber),
        addresses: (d.subject.addresses ?? [])
          .map((a) => `${a.lines}${a.postcode ? `, ${a.postcode}` : ""}${a.protected ? " (protected)" : ""}`)
          .join("; "),
        sender: d.senderName,
        sentBy: d.sentByName,
        sentAt: d.sentAt,
        expiresAt: d.expiresAt,
        purpose: `${PURPOSE_LABELS[d.purposeCode as PurposeCode] ?? d.purposeCode}: ${d.purpose}`,
        role: d.recipientRole ? RECIPIENT_ROLE_LABELS[d.recipientRole as RecipientRole] : "Not stated",
        onward: ONWARD_DISCLOSURE_LABELS[d.onwardDisclosure],
        mayPassOn: d.onwardDisclosure === "PERMITTED",
        emergency: d.emergency,
        acknowledgedAt: d.acknowledgedAt,
        acknowledgedBy: d.acknowledgedByName,
      },
      items: items.map((i) => ({
        title: `${ITEM_CATEGORY_LABELS[i.category]}, ${i.eventDate}`,
        kind: RECORD_ITEM_KIND_LABELS[i.kind],
        opinion: i.kind === "OPINION",
        text: i.text,
        redacted: i.redacted,
        historical: i.historical,
        specialCategory: i.specialCategory,
        criminalOffence: i.criminalOffence,
        disputed: i.accuracy === "DISPUTED",
        source: `${i.sourceName} (${SOURCE_METHOD_LABELS[i.sourceMethod]}), obtained ${i.sourceObtainedOn}`,
      })),
    });
  });

  app.post("/disclosures/:id/acknowledge", async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request, "id", "The disclosure");
    await acknowledgeDisclosure(db, actor, id);
    return reply.redirect(`/disclosures/${id}?outcome=acknowledged`, 303);
  });
}
