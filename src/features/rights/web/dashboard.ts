import type { FastifyInstance, FastifyReply } from "fastify";
import { datePartsFrom, isoFromParts } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, errorSummary, type FormBody, formHelpers, optionsOf, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { sharingSettings } from "../../settings";
import { currentDueOn } from "../domain/deadlines";
import {
  RECEIVED_VIA,
  REQUESTER_RELATIONSHIP_LABELS,
  REQUESTER_RELATIONSHIPS,
  RIGHTS_STATE_LABELS,
  RIGHTS_TYPE_LABELS,
  RIGHTS_TYPES,
} from "../domain/vocabulary";
import { loadRightsRequests } from "../services/load-requests";
import { logRightsRequest } from "../services/receive-request";
import { REQUEST_FORM, requestFormInput, requestFormValues } from "./request-form";
import { dueNote, OUTCOMES, VIA_LABELS } from "./request-labels";

/** The IG lead's rights dashboard, open requests soonest due first, and logging a request received some other way than the online form. */

function formValues(body: FormBody) {
  return {
    ...requestFormValues(body),
    receivedVia: str(body, "receivedVia"),
    receivedOn: datePartsFrom(body, "receivedOn"),
  };
}

export async function rightsDashboardPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/rights", async (request, reply) => {
    const [rows, { nation }] = await Promise.all([loadRightsRequests(db, actorOf(request)), sharingSettings(db)]);
    return reply.view("rights/dashboard", {
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
      rows: rows.map((r) => ({
        href: `/rights/${r.id}`,
        reference: r.publicReference,
        type: RIGHTS_TYPE_LABELS[r.type],
        about: r.about.name,
        state: RIGHTS_STATE_LABELS[r.state],
        dueOn: currentDueOn(r),
        due: dueNote(r.state, currentDueOn(r), r.clock.paused, nation),
        clock: r.clock,
        harmRisk: r.harmRisk,
        // A complaint's first deadline is its acknowledgement (DUAA 2025: within 30 days).
        acknowledgeBy: r.acknowledgeBy && !r.acknowledgedOn ? r.acknowledgeBy : null,
      })),
    });
  });

  const newPage = async (reply: FastifyReply, values: ReturnType<typeof formValues>, summary = errorSummary([])) =>
    reply.view("rights/new", {
      values,
      typeItems: formHelpers.radioItems(optionsOf(RIGHTS_TYPES, RIGHTS_TYPE_LABELS), values.type),
      relationshipItems: formHelpers.radioItems(optionsOf(REQUESTER_RELATIONSHIPS, REQUESTER_RELATIONSHIP_LABELS), values.relationship),
      viaItems: formHelpers.radioItems(optionsOf(RECEIVED_VIA, VIA_LABELS), values.receivedVia),
      ...summary,
    });
  app.get("/rights/new", async (_request, reply) => newPage(reply, formValues({})));
  app.post("/rights/new", async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(bodyOf(request));
    return withFormErrors(
      reply,
      (summary) => newPage(reply, values, summary),
      async () => {
        const row = await logRightsRequest(db, actor, {
          ...requestFormInput(values),
          receivedVia: values.receivedVia || undefined,
          receivedOn: isoFromParts(values.receivedOn) || undefined,
        });
        return reply.redirect(`/rights/${row.id}?outcome=logged`, 303);
      },
      REQUEST_FORM,
    );
  });
}
