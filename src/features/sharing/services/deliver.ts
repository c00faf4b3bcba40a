import { addDays, addMonths, endOfDay, parseISO } from "date-fns";
import { snapshotOf } from "../../../platform/audit/events";
import type { AuditTrail } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import { onwardTermFor, retentionMonthsFor } from "../../agreements/domain";
import type { NewChronologyEntry } from "../../records";
import { mayDecideProtectedDetails } from "../../records/domain";
import type {} from "../audit-events";
import type { ShareDecisionInput } from "../domain/decision-input";
import { disclosureContext } from "../domain/disclosure-context";
import { disclosedPerson, protectedDetailsGo, purposeSent, redact, redactionsOf } from "../domain/disclosure-snapshot";
import type { shareDecisions } from "../schema";
import type { GatheredFacts } from "./decision-facts";
import type { DecisionWrites, DisclosureInsert, DisclosureItemInsert } from "./write-decision";

export type DecisionRow = typeof shareDecisions.$inferSelect;

/**
 * What delivering a SHARE or PARTIAL_SHARE writes: a disclosure to the recipient organisation holding
 * a snapshot of exactly the items chosen, as they are now, with the chosen redactions applied and the
 * person's details minimised; its entry on the child's chronology; its audit event. Built here,
 * written by `writeDecision` in the statement that records (or approves) the decision. `input` is the
 * decision as its record says (`recordedAnswers`), so what goes is taken out exactly as recorded.
 */
export function disclosureWrites(
  actor: Actor,
  decision: { id: string; subjectId: string; decidedByName: string; decidedByRoles: string[]; emergency: boolean },
  /** The decider's email, for the recipient to contact them: the actor's when recording, not the approver's when approving. */
  decidedByEmail: string,
  input: ShareDecisionInput,
  gathered: GatheredFacts,
  audit: AuditTrail,
  now: Date,
): { disclosure: NonNullable<DecisionWrites["disclosure"]>; chronology: NewChronologyEntry } {
  const recipient = gathered.recipient!;
  const disclosureId = crypto.randomUUID();
  const shared = (input.items.items ?? []).filter((c) => c.share);
  const items: DisclosureItemInsert[] = shared.map((choice, position) => {
    const item = gathered.items.get(choice.itemId)!;
    // What is taken out of an item is taken out wherever the item says it: its text and who it came from.
    const text = redact(item.text, redactionsOf(choice));
    const source = redact(item.sourceName, redactionsOf(choice));
    return {
      disclosureId,
      position,
      sourceItemId: item.id,
      category: item.category,
      kind: item.kind,
      text: text.text,
      redacted: text.redacted || source.redacted,
      eventDate: item.eventDate,
      sourceName: source.text,
      sourceMethod: item.sourceMethod,
      sourceObtainedOn: item.sourceObtainedOn,
      historical: item.historical,
      specialCategory: item.specialCategory,
      criminalOffence: item.criminalOffence,
      accuracy: item.accuracy,
    };
  });
  const expiresOn = input.decision.accessExpiresOn;
  const row: DisclosureInsert = {
    id: disclosureId,
    decisionId: decision.id,
    senderOrganisationId: actor.organisationId,
    recipientOrganisationId: recipient.id,
    recipientUserId: input.recipient.userId ?? null,
    recipientRole: input.recipient.role ?? null,
    subject: disclosedPerson(
      gathered.subject,
      input.items.subjectDetails ?? [],
      gathered.addresses,
      protectedDetailsGo(input.items.protectedAddressReason, mayDecideProtectedDetails(actor.roles)),
    ),
    purposeCode: input.purpose.code ?? "OTHER",
    purpose: redact(
      purposeSent(input),
      (input.purpose.protectedRedactions ?? []).map((m) => m.phrase),
    ).text,
    sentByName: decision.decidedByName,
    context: disclosureContext(input, { roles: decision.decidedByRoles, email: decidedByEmail }, gathered.levelsOfNeed),
    onwardDisclosure: gathered.covering
      ? (onwardTermFor(gathered.covering.compiled, actor.organisationId, recipient.id) ?? "NOT_PERMITTED")
      : // Without an agreement nothing says the recipient may pass it on: only with the sender's say-so.
        "WITH_ORIGINATOR_CONSENT",
    emergency: decision.emergency,
    sentAt: now,
    expiresAt: expiresOn ? endOfDay(parseISO(expiresOn)) : addDays(now, gathered.settings.defaultAccessDays),
    retainUntil: retainedUntil(gathered, actor.organisationId, recipient.id, now),
  };
  audit.record(snapshotOf(actor), {
    type: "disclosure.sent",
    entity: { type: "subject", id: decision.subjectId },
    details: {
      disclosureId,
      decisionId: decision.id,
      recipientOrganisationId: recipient.id,
      items: items.length,
      redactedItems: items.filter((i) => i.redacted).length,
    },
  });
  return {
    disclosure: { row, items },
    chronology: {
      organisationId: actor.organisationId,
      subjectId: decision.subjectId,
      occurredOn: today(now),
      category: "disclosure",
      kind: "DISCLOSURE_SENT",
      title: "sharingChronology.disclosureSent",
      params: { recipient: recipient.name, count: items.length },
      summary: "",
      summaryCode: decision.emergency ? "sharingChronologySummary.itemsSentInEmergency" : "sharingChronologySummary.itemsSent",
      ref: { type: "disclosure", id: disclosureId },
      recordedByUserId: actor.userId,
    },
  };
}

/** Until when the recipient keeps its copy: the agreement's retention term from today, or null when none is set (issue 21). */
function retainedUntil(gathered: GatheredFacts, senderId: string, recipientId: string, now: Date): string | null {
  const months = gathered.covering ? retentionMonthsFor(gathered.covering.compiled.snapshot.content, senderId, recipientId) : null;
  return months === null ? null : today(addMonths(now, months));
}
