import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageOf, pageQuery, problemResponse, slicedPage, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { NOTICE_SENT_HOW, newNoticeInput, noticeBodyInput, noticeSentInput, noticeWithheldInput } from "../domain/notices";
import { NOTICE_AUDIENCES, NOTICE_STATES } from "../domain/vocabulary";
import {
  type BreachNotice,
  draftBreachNotice,
  editBreachNotice,
  type NoticeChoice,
  recordNoticeSent,
  viewNotice,
  viewNoticeChoices,
  viewNotices,
  withholdBreachNotice,
} from "../services/notices";

const person = z.object({ id: z.uuid(), name: z.string() });

const noticeSchema = z
  .object({
    id: z.uuid(),
    breachId: z.uuid(),
    subject: person.describe("The person affected"),
    addressee: person.describe("Who it is written to: the person affected, or a parent or carer linked to them"),
    audience: z.enum(NOTICE_AUDIENCES).describe("The version: for a parent, carer or adult, or the simpler one for a young person"),
    body: z.string().describe("The notice's words, drafted from the breach's facts and edited by the IG lead"),
    state: z.enum(NOTICE_STATES),
    withheldReason: z.string().nullable().describe("Why telling would increase the risk (BR-NOTICE-SAFE), when withheld"),
    sentHow: z.enum(NOTICE_SENT_HOW).nullable(),
    sentAt: z.iso.datetime().nullable(),
    decidedBy: z.string().nullable().describe("Who recorded it sent or withheld it"),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "BreachNotice" });

const choiceSchema = z
  .object({
    subject: person.describe("The person affected"),
    addressee: person,
    relation: z.enum(["SELF", "PARENT"]).describe("The person affected themself, or a parent or carer linked to them"),
    audiences: z.array(z.enum(NOTICE_AUDIENCES)).describe("The versions that may be written to them, the one that fits first"),
    refusals: z
      .array(z.object({ message: z.string(), linkIds: z.array(z.uuid()) }))
      .describe("Why the safeguarding check stops a notice to them (BR-NOTICE-SAFE); empty when it does not"),
  })
  .meta({ id: "BreachNoticeChoice" });

const noticeParams = idParams.extend({ noticeId: z.uuid({ error: "Must be a UUID" }) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const presentNotice = (n: BreachNotice): z.infer<typeof noticeSchema> => ({
  id: n.id,
  breachId: n.breachId,
  subject: { ...n.subject },
  addressee: { ...n.addressee },
  audience: n.audience,
  body: n.body,
  state: n.state,
  withheldReason: n.withheldReason,
  sentHow: n.sentHow,
  sentAt: iso(n.sentAt),
  decidedBy: n.decidedBy,
  createdBy: n.createdBy,
  createdAt: n.createdAt.toISOString(),
  updatedAt: n.updatedAt.toISOString(),
});
const presentChoice = (c: NoticeChoice): z.infer<typeof choiceSchema> => ({
  subject: { ...c.subject },
  addressee: { ...c.addressee },
  relation: c.relation,
  audiences: [...c.audiences],
  refusals: c.refusals.map((r) => ({ message: r.message, linkIds: [...r.linkIds] })),
});

const VIEW = "api.breaches.notices";

/**
 * Notices telling the people affected by a breach (Art 34), with the safeguarding check
 * (BR-NOTICE-SAFE): registered inside the breach register's routes, so for people only, as they are.
 */
export async function breachNoticesApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["breaches"];
  const refused = {
    409: problemResponse(
      "The safeguarding check stops it (rules BR-NOTICE-SAFE), the notice is no longer a draft, or the breach is closed",
    ),
  };
  const one = async (request: Parameters<typeof actorOf>[0] & { params: { id: string; noticeId: string } }) =>
    presentNotice(await viewNotice(db, actorOf(request), request.params.id, request.params.noticeId, VIEW));

  app.get(
    "/breaches/:id/notice-choices",
    {
      schema: {
        operationId: "listBreachNoticeChoices",
        tags,
        summary:
          "Who a notice about the breach could be written to: each person affected aged 12 or over, and each parent or carer linked to them, with any safeguarding refusal (an audited read; IG leads and auditors)",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(choiceSchema), ...standardErrors },
      },
    },
    async (request) => {
      const choices = await viewNoticeChoices(db, actorOf(request), request.params.id, VIEW);
      return slicedPage(choices.map(presentChoice), request.query);
    },
  );
  app.get(
    "/breaches/:id/notices",
    {
      schema: {
        operationId: "listBreachNotices",
        tags,
        summary: "The notices telling the people affected, oldest first (an audited read; IG leads and auditors)",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(noticeSchema), ...standardErrors },
      },
    },
    async (request) => {
      const notices = await viewNotices(db, actorOf(request), request.params.id, VIEW);
      return slicedPage(notices.map(presentNotice), request.query);
    },
  );
  app.post(
    "/breaches/:id/notices",
    {
      schema: {
        operationId: "draftBreachNotice",
        tags,
        summary:
          "Draft a notice to a person affected, or a parent or carer linked to them, in plain English from the breach's facts; refused for anyone recorded as an alleged perpetrator towards a child the breach affected, or living with one (IG leads)",
        params: idParams,
        body: newNoticeInput,
        response: { 201: createdResponse(noticeSchema, "the notice"), ...standardErrors, ...refused },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const noticeId = await draftBreachNotice(db, actor, id, request.body);
      return created(reply, `/api/v1/breaches/${id}/notices/${noticeId}`, presentNotice(await viewNotice(db, actor, id, noticeId, VIEW)));
    },
  );
  app.get(
    "/breaches/:id/notices/:noticeId",
    {
      schema: {
        operationId: "getBreachNotice",
        tags,
        summary: "One notice (an audited read; IG leads and auditors)",
        params: noticeParams,
        response: { 200: noticeSchema, ...standardErrors },
      },
    },
    one,
  );
  app.patch(
    "/breaches/:id/notices/:noticeId",
    {
      schema: {
        operationId: "editBreachNotice",
        tags,
        summary: "Change a draft notice's words (IG leads)",
        params: noticeParams,
        body: noticeBodyInput,
        response: { 200: noticeSchema, ...standardErrors, ...refused },
      },
    },
    async (request) => {
      await editBreachNotice(db, actorOf(request), request.params.id, request.params.noticeId, request.body);
      return one(request);
    },
  );
  app.post(
    "/breaches/:id/notices/:noticeId/sent",
    {
      schema: {
        operationId: "recordBreachNoticeSent",
        tags,
        summary:
          "Record that a draft notice was sent, how and when, after the safeguarding check runs again; the first marks the people affected told (IG leads)",
        params: noticeParams,
        body: noticeSentInput,
        response: { 200: noticeSchema, ...standardErrors, ...refused },
      },
    },
    async (request) => {
      await recordNoticeSent(db, actorOf(request), request.params.id, request.params.noticeId, request.body);
      return one(request);
    },
  );
  app.post(
    "/breaches/:id/notices/:noticeId/withheld",
    {
      schema: {
        operationId: "withholdBreachNotice",
        tags,
        summary: "Withhold a draft notice because telling would increase the risk to someone, with the reason (IG leads)",
        params: noticeParams,
        body: noticeWithheldInput,
        response: { 200: noticeSchema, ...standardErrors, ...refused },
      },
    },
    async (request) => {
      await withholdBreachNotice(db, actorOf(request), request.params.id, request.params.noticeId, request.body);
      return one(request);
    },
  );
}
