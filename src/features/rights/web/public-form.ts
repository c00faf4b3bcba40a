import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { appSecret } from "../../../platform/crypto/app-secrets";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { perAddress } from "../../../platform/http/rate-limit";
import { bodyOf, errorSummary, type FormBody, formHelpers, list, optionsOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { REQUESTER_RELATIONSHIP_LABELS, REQUESTER_RELATIONSHIPS, RIGHTS_TYPE_LABELS, RIGHTS_TYPES } from "../domain/vocabulary";
import { loadOrganisationsToAsk } from "../services/load-organisations-to-ask";
import { submitPublicRequest } from "../services/receive-request";
import { REQUEST_FORM, requestFormInput, requestFormValues } from "./request-form";

/**
 * The public request form (no sign-in): anyone may ask the partnership's members what they hold
 * about them, or exercise another right. It creates a request in RECEIVED for each organisation
 * chosen and gives the requester one reference. Protected against automated abuse three ways: a
 * per-address rate limit, a field people never see (bots fill it), and a signed start time (a form
 * sent back within seconds of being shown, or after hours, is not a person filling it in). Nothing
 * about anyone's records is shown, whatever is typed.
 */

const MIN_SECONDS = 3;
const MAX_HOURS = 4;

function formValues(body: FormBody) {
  return { ...requestFormValues(body), organisationIds: list(body, "organisationIds") };
}

export async function publicRightsForm(app: FastifyInstance, { db, rateLimit }: { db: Db; rateLimit: number }): Promise<void> {
  const key = await appSecret(db, "public-form-timing");
  const sign = (t: string) => createHmac("sha256", key).update(t).digest("base64url");
  const stamp = () => {
    const t = String(Date.now());
    return `${t}.${sign(t)}`;
  };
  /** A person, not a script: the start time is ours, and a person takes a few seconds and less than hours. */
  const looksHuman = (body: FormBody) => {
    if (str(body, "website") !== "") return false;
    const [t = "", mac = ""] = str(body, "started").split(".");
    const expected = Buffer.from(sign(t));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    const elapsed = Date.now() - Number(t);
    return elapsed >= MIN_SECONDS * 1000 && elapsed <= MAX_HOURS * 3_600_000;
  };

  const page = async (reply: FastifyReply, values: ReturnType<typeof formValues>, summary = errorSummary([])) => {
    const members = await loadOrganisationsToAsk(db);
    return reply.view("rights/public-form", {
      values,
      started: stamp(),
      typeItems: formHelpers.radioItems(optionsOf(RIGHTS_TYPES, RIGHTS_TYPE_LABELS), values.type),
      relationshipItems: formHelpers.radioItems(optionsOf(REQUESTER_RELATIONSHIPS, REQUESTER_RELATIONSHIP_LABELS), values.relationship),
      organisationItems: formHelpers.checkboxItems(
        members.map((m) => ({ value: m.id, text: m.name })),
        values.organisationIds,
      ),
      ...summary,
    });
  };

  app.get("/your-information", async (_request, reply) => page(reply, formValues({})));
  app.post("/your-information", perAddress(rateLimit), async (request, reply) => {
    const body = bodyOf(request);
    const values = formValues(body);
    return withFormErrors(
      reply,
      (summary) => page(reply, values, summary),
      async () => {
        if (!looksHuman(body)) {
          throw new ValidationError([{ path: "/form", message: "The form could not be sent. Check your answers and send it again." }]);
        }
        const reference = await submitPublicRequest(db, { ...requestFormInput(values), organisationIds: values.organisationIds });
        return reply.view("rights/public-sent", { reference });
      },
      REQUEST_FORM,
    );
  });
}
