import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, problemSchema, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { ARTICLE_6 } from "../../agreements/domain/lawful-basis";
import { correctionInput } from "../../records/domain/records";
import { currentDueOn } from "../domain/deadlines";
import { erasureInput, identityInput, liftInput, reasonInput, rightsRequestInput, statementInput, transitionInput } from "../domain/inputs";
import { NOT_TOLD_RULE } from "../domain/pack-safety";
import { processingDecisionInput } from "../domain/processing";
import { itemReviewInput, recipientReviewInput } from "../domain/review";
import { EXEMPTIONS, RECEIVED_VIA, REQUESTER_RELATIONSHIPS, RESPONSE_OUTCOMES, RIGHTS_STATES, RIGHTS_TYPES } from "../domain/vocabulary";
import { itemActionKind, noticeKind } from "../schema";
import { compileAccessPack, reviewItem, reviewRecipient } from "../services/access-pack";
import {
  acknowledgeComplaint,
  actionsForRequest,
  addStatement,
  correctForRequest,
  decideErasure,
  liftRestriction,
  restrictForRequest,
} from "../services/item-actions";
import { packSafety } from "../services/pack-safety";
import { decideProcessing, processingForRequest } from "../services/processing";
import {
  attachSubject,
  getRightsRequest,
  listRightsRequests,
  logRightsRequest,
  type RightsRequestListed,
  transitionRightsRequest,
  verifyIdentity,
} from "../services/requests";
import { sendAccessPackPdf } from "./access-pack-pdf";

const errors = { ...standardErrors, 409: problemSchema };
const tags = ["rights requests"];

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

/** Rights requests, for the organisation's IG leads. */
export async function rightsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor(["ig_lead"]));
  const noContent = { 204: z.null(), ...errors };

  app.post(
    "/rights-requests",
    {
      schema: {
        tags,
        summary: "Log a request received by letter, email, phone or in person; due one calendar month after receipt",
        body: rightsRequestInput,
        response: { 201: rightsRequestSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await logRightsRequest(db, actor, request.body);
      return reply.status(201).send(presentRightsRequest(await getRightsRequest(db, actor, row.id)));
    },
  );
  app.get(
    "/rights-requests",
    {
      schema: {
        tags,
        summary: "Your organisation's requests, soonest due first (open ones only unless asked)",
        querystring: z.object({ closed: z.enum(["include", "exclude"]).default("exclude") }),
        response: { 200: z.object({ items: z.array(rightsRequestSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listRightsRequests(db, actorOf(request), { includeClosed: request.query.closed === "include" })).map((r) =>
        presentRightsRequest(r),
      ),
    }),
  );
  app.get(
    "/rights-requests/:id",
    {
      schema: {
        tags,
        summary: "One request, with the people attached",
        params: idParams,
        response: { 200: rightsRequestSchema, ...errors },
      },
    },
    async (request) => presentRightsRequest(await getRightsRequest(db, actorOf(request), request.params.id)),
  );
  app.post(
    "/rights-requests/:id/identity",
    {
      schema: {
        tags,
        summary: "Record the identity check (and, for someone acting for another, their authority)",
        params: idParams,
        body: identityInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await verifyIdentity(db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/rights-requests/:id/transitions",
    {
      schema: {
        tags,
        summary: "Move the request on: stop or restart the clock, extend, review exemptions, respond, close",
        description:
          "An impossible move is a 409. Moving on from waiting, `receivedOn` is the day what was asked for arrived (today if not given; not before the request was received or the clock was stopped, a field error otherwise): proof of identity starts the month from that day, clarification moves the due date on by the days paused. An extension needs its reason and the day the requester was told, within the first month; a response needs the identity verified. An access request is answered with its pack reviewed in full, and, with no one attached, only as a refusal or with `nothingHeld: true` (the records hold nothing about the person).",
        params: idParams,
        body: transitionInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await transitionRightsRequest(db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/rights-requests/:id/subjects",
    {
      schema: {
        tags,
        summary: "Attach a person from your organisation's records; a requester matching their alleged perpetrator is flagged",
        params: idParams,
        body: z.object({ subjectId: z.uuid() }),
        response: { 200: z.object({ harmRisk: z.boolean() }), ...errors },
      },
    },
    async (request) => attachSubject(db, actorOf(request), request.params.id, request.body.subjectId),
  );
  app.post(
    "/rights-requests/:id/items/:itemId/review",
    {
      schema: {
        tags,
        summary: "Review one item for an access request: disclose, redact or withhold, naming the exemption and why",
        params: idParams.extend({ itemId: z.uuid() }),
        body: itemReviewInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await reviewItem(db, actorOf(request), request.params.id, request.params.itemId, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/rights-requests/:id/recipients/:disclosureId/review",
    {
      schema: {
        tags,
        summary:
          "Review one entry of who the information was shared with (the disclosure log) for an access request: list it, or withhold it under an exemption and say why",
        params: idParams.extend({ disclosureId: z.uuid() }),
        body: recipientReviewInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await reviewRecipient(db, actorOf(request), request.params.id, request.params.disclosureId, request.body);
      return reply.status(204).send(null);
    },
  );
  const itemParams = idParams.extend({ itemId: z.uuid() });
  const notified = { 200: z.object({ recipientsNotified: z.int().describe("Organisations told, one notice per disclosure") }), ...errors };
  const itemActions = [
    [
      "correct",
      "Rectification: record a corrected version (the old one stays, marked corrected); every recipient is told",
      correctionInput,
      correctForRequest,
    ],
    [
      "statement",
      "Rectification of an opinion: add the person's statement beside it; every recipient is told",
      statementInput,
      addStatement,
    ],
    [
      "restrict",
      "Restrict the item: kept but not shared (R-RESTRICTED) until lifted; every recipient is told",
      reasonInput,
      restrictForRequest,
    ],
    ["lift-restriction", "Lift a restriction, once the requester has been told", liftInput, liftRestriction],
    [
      "erasure",
      "Decide erasure with the reason; granted, the text goes from the record, chronology and every disclosed copy",
      erasureInput,
      decideErasure,
    ],
  ] as const;
  for (const [path, summary, body, action] of itemActions) {
    app.post(
      `/rights-requests/:id/items/:itemId/${path}`,
      { schema: { tags, summary, params: itemParams, body, response: notified } },
      async (request) => ({
        recipientsNotified: await action(db, actorOf(request), request.params.id, request.params.itemId, request.body),
      }),
    );
  }
  app.get(
    "/rights-requests/:id/actions",
    {
      schema: {
        tags,
        summary: "What has been done to items for this request, and how many recipients were told and have acknowledged",
        params: idParams,
        response: {
          200: z.object({
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
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { actions, notices } = await actionsForRequest(db, actorOf(request), request.params.id);
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
    },
  );
  app.get(
    "/rights-requests/:id/processing",
    {
      schema: {
        tags,
        summary:
          "For an objection or a withdrawal of consent: the sharing about the person by Article 6 basis, whether the right reaches it, and what was decided",
        params: idParams,
        response: {
          200: z.object({
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
          }),
          ...errors,
        },
      },
    },
    async (request) => processingForRequest(db, actorOf(request), request.params.id),
  );
  app.post(
    "/rights-requests/:id/processing",
    {
      schema: {
        tags,
        summary:
          "Stop sharing under a basis, or (objection only) continue it on recorded compelling grounds (R-CONSENT-WITHDRAWN, R-OBJECTION-UPHELD)",
        params: idParams,
        body: processingDecisionInput,
        response: noContent,
      },
    },
    async (request, reply) => {
      await decideProcessing(db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/rights-requests/:id/acknowledge",
    { schema: { tags, summary: "Acknowledge a complaint (due within 30 days of receipt)", params: idParams, response: noContent } },
    async (request, reply) => {
      await acknowledgeComplaint(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/rights-requests/:id/warnings",
    {
      schema: {
        tags,
        summary:
          "Before anything goes to the requester: decisions about the people attached that recorded the family was not told because telling could place the child at risk (GR2-ENGAGE), and links recording the requester as an alleged perpetrator towards them",
        params: idParams,
        response: {
          200: z.object({
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
            allegedPerpetrator: z.array(
              z.object({ linkId: z.uuid(), perpetrator: z.string(), towards: z.string(), towardsSubjectId: z.uuid() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const safety = await packSafety(db, actor, await getRightsRequest(db, actor, request.params.id), "api.rights.warnings");
      return {
        notTold: safety.notTold.map((d) => ({ ...d, rule: NOT_TOLD_RULE, decidedAt: d.decidedAt.toISOString() })),
        allegedPerpetrator: safety.allegedPerpetrator,
      };
    },
  );
  app.get(
    "/rights-requests/:id/pack",
    {
      schema: {
        tags,
        summary:
          "The access pack as JSON: every item as reviewed, purposes, categories, sources, recipients, retention and rights; a draft until every item and record of who it was shared with is reviewed",
        params: idParams,
        response: { 200: accessPackSchema, ...errors },
      },
    },
    async (request) => {
      const pack = await compileAccessPack(db, actorOf(request), request.params.id);
      return { ...pack, unreviewed: pack.unreviewed.items + pack.unreviewed.recipients, rights: [...pack.rights] };
    },
  );
  app.get(
    "/rights-requests/:id/pack.pdf",
    { schema: { tags, summary: "The access pack as a PDF for the requester", params: idParams } },
    (request, reply) => sendAccessPackPdf(reply, db, actorOf(request), request.params.id),
  );
}
