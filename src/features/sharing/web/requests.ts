import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { datePartsFrom, datePartsOf, dueIn, isoFromParts, today } from "../../../platform/dates/calendar";
import type { UkNation } from "../../../platform/dates/working-days";
import type { Db } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  errorSummary,
  type FormBody,
  formHelpers,
  idParam,
  optionsOf,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { GATEWAY_LABELS, GATEWAYS, PURPOSE_CODES, PURPOSE_LABELS, purposeLabel } from "../../agreements/domain";
import { fullName, searchSubjects, viewSubjectRow } from "../../records";
import { sharingSettings } from "../../settings";
import { REQUEST_STATUS_LABELS, REQUEST_URGENCIES, REQUEST_URGENCY_LABELS, requestReference } from "../domain/records";
import { OUTCOME_LABELS, type Outcome } from "../domain/vocabulary";
import { otherMembers } from "../services/choices";
import {
  acknowledgeAnswer,
  loadInformationRequest,
  loadInformationRequests,
  makeInformationRequest,
  type RequestView,
  withdrawInformationRequest,
} from "../services/information-requests";

/** Information requests: asking another organisation, the requests made to yours, and answering one for a person in your records. */

const OUTCOMES: Record<string, string> = {
  made: "Request sent.",
  withdrawn: "Request withdrawn.",
  acknowledged: "Answer acknowledged.",
};

/** "Answered: not shared": the status, and for an answer what it was. */
function statusOf(r: RequestView): string {
  if (!r.answer) return REQUEST_STATUS_LABELS[r.status];
  return `${REQUEST_STATUS_LABELS[r.status]}: ${r.answer.outcome === "DO_NOT_SHARE" ? "not shared" : r.answer.disclosed ? "shared" : "waiting for approval to share"}`;
}

/** How far off an open request's due date is ("due in 3 working days"); an answered one is not due. */
const dueNote = (r: RequestView, day: string, nation: UkNation) => (r.status === "OPEN" ? dueIn(r.dueOn, day, nation) : null);

function summary(r: RequestView, box: "incoming" | "outgoing", day: string, nation: UkNation) {
  return {
    href: `/information-requests/${r.id}`,
    reference: requestReference(r.number),
    person: r.subject.name,
    other: box === "incoming" ? r.requestingName : r.requestedName,
    urgency: REQUEST_URGENCY_LABELS[r.urgency],
    dueOn: r.dueOn,
    due: dueNote(r, day, nation),
    overdue: r.status === "OPEN" && r.dueOn < day,
    status: statusOf(r),
    toAcknowledge: box === "outgoing" && r.answer?.outcome === "DO_NOT_SHARE" && !r.answer.acknowledgedAt,
  };
}

function valuesOf(body: FormBody) {
  return {
    requestingSubjectId: str(body, "requestingSubjectId"),
    requestedOrganisationId: str(body, "requestedOrganisationId"),
    givenNames: str(body, "givenNames"),
    familyName: str(body, "familyName"),
    dateOfBirth: datePartsFrom(body, "dateOfBirth"),
    nhsNumber: str(body, "nhsNumber"),
    address: str(body, "address"),
    purposeCode: str(body, "purposeCode"),
    purpose: str(body, "purpose"),
    gateway: str(body, "gateway"),
    urgency: str(body, "urgency"),
  };
}

export async function requestPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/information-requests", async (request, reply) => {
    const actor = actorOf(request);
    const box = queryOf(request).box === "outgoing" ? "outgoing" : "incoming";
    const [rows, { nation }] = await Promise.all([loadInformationRequests(db, actor, box), sharingSettings(db)]);
    return reply.view("sharing/requests", {
      box,
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      rows: rows.map((r) => summary(r, box, today(), nation)),
      tabs: [
        { text: "Made to us", href: "/information-requests", active: box === "incoming" },
        { text: "Made by us", href: "/information-requests?box=outgoing", active: box === "outgoing" },
      ],
    });
  });

  const newPage = async (
    reply: FastifyReply,
    actor: ReturnType<typeof actorOf>,
    values: ReturnType<typeof valuesOf>,
    errors = errorSummary([]),
  ) => {
    const members = await otherMembers(db, actor);
    return reply.view("sharing/request-new", {
      values,
      organisationItems: formHelpers.selectItems(
        members.map((m) => ({ value: m.id, text: m.name })),
        values.requestedOrganisationId,
        "Choose the organisation",
      ),
      purposeItems: formHelpers.radioItems(optionsOf(PURPOSE_CODES, PURPOSE_LABELS), values.purposeCode),
      gatewayItems: formHelpers.selectItems(optionsOf(GATEWAYS, GATEWAY_LABELS), values.gateway, "Choose one (optional)"),
      urgencyItems: formHelpers.radioItems(optionsOf(REQUEST_URGENCIES, REQUEST_URGENCY_LABELS), values.urgency),
      ...errors,
    });
  };
  app.get("/information-requests/new", async (request, reply) => {
    const actor = actorOf(request);
    const about = queryOf(request).subject;
    if (!about) return newPage(reply, actor, valuesOf({}));
    // Asked from a person's record: the request names them as recorded, and the answer comes back to that record.
    if (!z.uuid().safeParse(about).success) throw new NotFoundError("The person's record");
    const subject = await viewSubjectRow(db, actor, about, "web.information_requests.new");
    return newPage(reply, actor, {
      ...valuesOf({}),
      requestingSubjectId: subject.id,
      givenNames: subject.givenNames,
      familyName: subject.familyName,
      dateOfBirth: datePartsOf(subject.dateOfBirth),
      nhsNumber: subject.nhsNumber ?? "",
    });
  });
  app.post("/information-requests/new", async (request, reply) => {
    const actor = actorOf(request);
    const values = valuesOf(bodyOf(request));
    return withFormErrors(
      reply,
      (summary) => newPage(reply, actor, values, summary),
      async () => {
        const id = await makeInformationRequest(db, actor, {
          requestingSubjectId: values.requestingSubjectId || null,
          requestedOrganisationId: values.requestedOrganisationId,
          subject: {
            givenNames: values.givenNames,
            familyName: values.familyName,
            dateOfBirth: isoFromParts(values.dateOfBirth) || undefined,
            nhsNumber: values.nhsNumber || undefined,
            address: values.address || undefined,
          },
          purposeCode: values.purposeCode || undefined,
          purpose: values.purpose,
          gateway: values.gateway || null,
          urgency: values.urgency || undefined,
        });
        return reply.redirect(`/information-requests/${id}?outcome=made`, 303);
      },
      { mapPath: (p) => p.replace(/^\/subject\//, "/") },
    );
  });

  app.get("/information-requests/:id", async (request, reply) => {
    const actor = actorOf(request);
    const r = await loadInformationRequest(db, actor, idParam(request, "id", "The information request"));
    const incoming = r.requestedOrganisationId === actor.organisationId;
    // For the organisation asked: who in its own records this might be (an audited read of the results).
    const matches =
      incoming && r.status === "OPEN"
        ? (
            await searchSubjects(
              db,
              actor,
              { q: r.subject.name, dateOfBirth: r.subject.dateOfBirth ?? undefined },
              { page: 1, pageSize: 10 },
              "web.subjects.search",
            )
          ).rows
        : [];
    return reply.view("sharing/request", {
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      r: {
        id: r.id,
        reference: requestReference(r.number),
        person: r.subject,
        address: r.subject.addresses?.[0]?.lines ?? null,
        requesting: r.requestingName,
        requestedBy: r.requestedByName,
        requested: r.requestedName,
        purpose: `${purposeLabel(r.purposeCode)}: ${r.purpose}`,
        gateway: r.gateway ? GATEWAY_LABELS[r.gateway as keyof typeof GATEWAY_LABELS] : null,
        urgency: REQUEST_URGENCY_LABELS[r.urgency],
        dueOn: r.dueOn,
        due: dueNote(r, today(), (await sharingSettings(db)).nation),
        status: statusOf(r),
        open: r.status === "OPEN",
        answer: r.answer && {
          outcome: OUTCOME_LABELS[r.answer.outcome as Outcome],
          reasons: r.answer.reasons,
          otherHolderName: r.answer.otherHolderName,
          disclosed: r.answer.disclosed,
          acknowledgedAt: r.answer.acknowledgedAt,
          acknowledgedBy: r.answer.acknowledgedByName,
        },
      },
      incoming,
      matches: matches.map((m) => ({ name: fullName(m), dateOfBirth: m.dateOfBirth, href: `/subjects/${m.id}/share?request=${r.id}` })),
    });
  });

  app.post("/information-requests/:id/acknowledge", async (request, reply) => {
    const id = idParam(request, "id", "The information request");
    await acknowledgeAnswer(db, actorOf(request), id);
    return reply.redirect(`/information-requests/${id}?outcome=acknowledged`, 303);
  });

  app.post("/information-requests/:id/withdraw", async (request, reply) => {
    const id = idParam(request, "id", "The information request");
    await withdrawInformationRequest(db, actorOf(request), id);
    return reply.redirect(`/information-requests?box=outgoing&outcome=withdrawn`, 303);
  });
}
