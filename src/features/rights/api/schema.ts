import { z } from "zod";
import { problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { noContentOr } from "../../../platform/http/no-content";
import { ARTICLE_6 } from "../../agreements/domain";
import { currentDueOn } from "../domain/deadlines";
import { NOT_TOLD_RULE } from "../domain/pack-safety";
import { EXEMPTIONS, RECEIVED_VIA, REQUESTER_RELATIONSHIPS, RESPONSE_OUTCOMES, RIGHTS_STATES, RIGHTS_TYPES } from "../domain/vocabulary";
import { itemActionKind, noticeKind } from "../schema";
import type { compileAccessPack } from "../services/compile-access-pack";
import type { loadItemActions } from "../services/load-item-actions";
import type { RightsRequestListed } from "../services/load-requests";
import type { viewPackSafety } from "../services/pack-safety";

/** The rights requests API's schemas (zod, which also write its OpenAPI) and presenters. */

export const errors = { ...standardErrors, 409: problemResponse() };
export const noContent = noContentOr(errors);
export const tags = ["rights requests"];

export const rightsRequestSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe("The requester's reference, shared by every organisation's part of one request"),
    type: z.enum(RIGHTS_TYPES),
    state: z.enum(RIGHTS_STATES),
    requester: z.object({
      name: z.string(),
      email: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      address: z.string().nullable().optional(),
    }),
    relationship: z.enum(REQUESTER_RELATIONSHIPS),
    about: z.object({
      name: z.string(),
      dateOfBirth: z.string().nullable().optional(),
      otherNames: z.string().nullable().optional(),
      address: z.string().nullable().optional(),
    }),
    details: z.string(),
    receivedVia: z.enum(RECEIVED_VIA),
    receivedOn: z.iso.date(),
    clockStartedOn: z.iso
      .date()
      .describe("The day the month runs from: receipt, or the day proof of identity arrived (the clock does not start before)"),
    daysPaused: z.int().describe("Days the clock stood paused waiting for clarification: the due date has moved on by them"),
    dueOn: z.iso
      .date()
      .nullable()
      .describe(
        "Null while waiting for proof of identity: the clock has not started, and the month runs from the day it arrives. Waiting for clarification, it moves on by the days paused",
      ),
    paused: z.boolean().describe("The clock is stopped: waiting for proof of identity (not started) or for clarification (paused)"),
    overdue: z.boolean().describe("Open, not paused, and past its due date"),
    identityVerified: z.boolean(),
    harmRisk: z.boolean().describe("The requester matches someone recorded as an alleged perpetrator towards the person"),
    extension: z.object({ reason: z.string(), requesterToldOn: z.iso.date() }).nullable(),
    outcome: z.enum(RESPONSE_OUTCOMES).nullable(),
    responseReasons: z.string().nullable(),
    acknowledgeBy: z.iso.date().nullable().describe("A complaint must be acknowledged by then"),
    acknowledgedOn: z.iso.date().nullable(),
    subjects: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
    partners: z
      .array(z.object({ organisation: z.string(), state: z.enum(RIGHTS_STATES), dueOn: z.iso.date().nullable() }))
      .describe("The other organisations asked under the same reference, each answering for its own information"),
  })
  .meta({ id: "RightsRequest" });

export function presentRightsRequest(
  r: RightsRequestListed & {
    subjects?: { id: string; name: string; kind: string }[];
    partners?: { organisation: string; state: (typeof RIGHTS_STATES)[number]; dueOn: string | null }[];
  },
) {
  return {
    id: r.id,
    reference: r.publicReference,
    type: r.type,
    state: r.state,
    requester: r.requester,
    relationship: r.relationship,
    about: r.about,
    details: r.details,
    receivedVia: r.receivedVia,
    receivedOn: r.receivedOn,
    clockStartedOn: r.clockStartedOn,
    daysPaused: r.daysPaused,
    dueOn: currentDueOn(r),
    paused: r.clock.paused,
    overdue: r.clock.overdue,
    identityVerified: r.identityVerifiedAt !== null,
    harmRisk: r.harmRisk,
    extension:
      r.extensionReason && r.requesterToldOfExtensionOn
        ? { reason: r.extensionReason, requesterToldOn: r.requesterToldOfExtensionOn }
        : null,
    outcome: r.outcome,
    responseReasons: r.responseReasons,
    acknowledgeBy: r.acknowledgeBy,
    acknowledgedOn: r.acknowledgedOn,
    subjects: r.subjects ?? [],
    partners: r.partners ?? [],
  } satisfies z.infer<typeof rightsRequestSchema>;
}

export const accessPackSchema = z
  .object({
    reference: z.string(),
    organisation: z.string(),
    requester: z.string(),
    about: z.string(),
    generatedAt: z.iso.datetime(),
    draft: z.boolean().describe("True until every item and record of who it was shared with is reviewed: a draft is not sent"),
    unreviewed: z.int().describe("How many items and records of who it was shared with are not yet reviewed"),
    people: z.array(z.object({ name: z.string(), dateOfBirth: z.string().nullable() })),
    items: z
      .array(
        z.object({
          id: z.uuid(),
          person: z.string(),
          category: z.string(),
          kind: z.string(),
          eventDate: z.iso.date(),
          recordedOn: z.iso.date(),
          source: z.string(),
          text: z.string().describe("Redacted phrases read [redacted]"),
          version: z.int(),
          accuracy: z.string(),
          historical: z.boolean(),
          redacted: z.boolean(),
          reviewed: z.boolean(),
        }),
      )
      .describe("What the requester is sent: an item withheld under an exemption is left out altogether"),
    withheldStatement: z
      .string()
      .describe("Said in every pack, whether or not anything was withheld: the exemption itself is never named to the requester"),
    purposes: z.array(z.string()),
    categories: z.array(z.string()),
    sources: z.array(z.string()),
    recipients: z
      .array(
        z.object({
          id: z.uuid().describe("The disclosure"),
          organisation: z.string(),
          sentOn: z.iso.date(),
          items: z.int(),
          purpose: z.string(),
          reviewed: z.boolean(),
        }),
      )
      .describe("Who it was shared with, from the disclosure log; entries withheld under an exemption are left out"),
    retention: z.string(),
    rights: z.array(z.string()),
    forIgLead: z
      .object({
        withheld: z
          .array(z.object({ exemption: z.enum(EXEMPTIONS), rule: z.string(), items: z.int(), recipients: z.int() }))
          .describe("Under each exemption: items withheld or redacted, and records of who it was shared with withheld"),
        withheldItems: z.array(z.object({ id: z.uuid(), exemption: z.enum(EXEMPTIONS) })),
        withheldRecipients: z.array(z.object({ id: z.uuid().describe("The disclosure"), exemption: z.enum(EXEMPTIONS) })),
      })
      .describe(
        "FOR THE IG LEAD ONLY, never part of the response: what is held back and under which exemption. Everything else is the pack as the requester receives it",
      ),
  })
  .meta({ id: "AccessPack" });

const processingDecisionSchema = z.object({
  decision: z.enum(["STOP", "CONTINUE"]),
  grounds: z.string(),
  byName: z.string(),
  decidedOn: z.string(),
});

export const requestActionsSchema = z.object({
  actions: z.array(
    z.object({
      itemId: z.uuid(),
      kind: z.enum(itemActionKind.enumValues),
      reason: z.string(),
      requesterToldOn: z.string().nullable(),
      byName: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  notices: z.array(
    z.object({
      itemId: z.uuid(),
      kind: z.enum(noticeKind.enumValues),
      recipient: z.string(),
      sent: z.int(),
      acknowledged: z.int(),
    }),
  ),
});

export function presentRequestActions({ actions, notices }: Awaited<ReturnType<typeof loadItemActions>>) {
  return {
    actions: actions.map((a) => ({
      itemId: a.itemId,
      kind: a.kind,
      reason: a.reason,
      requesterToldOn: a.requesterToldOn,
      byName: a.byName,
      at: a.at.toISOString(),
    })),
    notices,
  };
}

export const processingSchema = z.object({
  right: z.enum(["OBJECTION", "WITHDRAW_CONSENT"]),
  choices: z
    .array(z.enum(["STOP", "CONTINUE"]))
    .describe("What may be decided now: nothing until identity is verified and work has started"),
  bases: z.array(
    z.object({
      article6: z.enum(ARTICLE_6),
      label: z.string(),
      decisions: z.int(),
      lastSharedOn: z.string().nullable(),
      applies: z.boolean(),
      why: z.string(),
      decision: processingDecisionSchema.nullable().describe("The decision in force for this basis"),
      earlier: z.array(processingDecisionSchema),
    }),
  ),
});

export const packWarningsSchema = z.object({
  notTold: z.array(
    z.object({
      rule: z.literal(NOT_TOLD_RULE),
      decisionId: z.uuid(),
      reference: z.string().describe("SD-000123"),
      decidedAt: z.iso.datetime(),
      subjectName: z.string(),
      recipient: z.string().nullable(),
      grounds: z.array(z.string()).describe("Why it counts, in plain English; a recorded reason is quoted"),
      itemIds: z.array(z.uuid()).describe("The item versions it shared"),
      disclosureId: z.uuid().nullable().describe("Its entry in the disclosure log, if anything was sent"),
    }),
  ),
  allegedPerpetrator: z.array(z.object({ linkId: z.uuid(), perpetrator: z.string(), towards: z.string(), towardsSubjectId: z.uuid() })),
});

export function presentPackWarnings(safety: Awaited<ReturnType<typeof viewPackSafety>>) {
  return {
    notTold: safety.notTold.map((d) => ({ ...d, rule: NOT_TOLD_RULE, decidedAt: d.decidedAt.toISOString() })),
    allegedPerpetrator: safety.allegedPerpetrator,
  };
}

export function presentAccessPack(pack: Awaited<ReturnType<typeof compileAccessPack>>) {
  return { ...pack, unreviewed: pack.unreviewed.items + pack.unreviewed.recipients, rights: [...pack.rights] };
}
