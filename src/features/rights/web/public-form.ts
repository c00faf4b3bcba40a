import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { appSecret } from "../../../platform/crypto/app-secrets";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { perAddress } from "../../../platform/http/rate-limit";
import { bodyOf, errorSummary, type FormBody, formHelpers, list, optionsOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { RIGHTS_MESSAGES } from "../domain/messages";
import { REQUESTER_RELATIONSHIPS, RIGHTS_TYPES } from "../domain/vocabulary";
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
/** The form speaks to the person asking: its own labels and errors (the IG lead's form speaks about them). */
const PUBLIC_WORDS = RIGHTS_MESSAGES.en;
const PUBLIC_ERRORS = PUBLIC_WORDS.publicFormError;
const MAX_HOURS = 4;

function formValues(body: FormBody) {
  return { ...requestFormValues(body), organisationIds: list(body, "organisationIds"), acknowledge: str(body, "acknowledge") === "yes" };
}

/**
 * `sendsEmail`: Safeshare has a mail server, so the requester may ask for their reference by email,
 * under a warning that anyone else who reads their email would see it.
 */
export async function publicRightsForm(
  app: FastifyInstance,
  { db, rateLimit, sendsEmail }: { db: Db; rateLimit: number; sendsEmail: boolean },
): Promise<void> {
  const key = await appSecret(db, "public-form-timing");
  const sign = (t: string) => createHmac("sha256", key).update(t).digest("base64url");
  const stamp = () => {
    const t = String(Date.now());
    return `${t}.${sign(t)}`;
  };
  /**
   * A person, not a script: the start time is ours, and a person takes a few seconds and less than
   * hours. Null when it looks like a person; otherwise what to tell them, so a person who was simply
   * quick (or slow) knows what to do, while a script learns nothing about the hidden field.
   */
  const notHuman = (body: FormBody): string | null => {
    if (str(body, "website") !== "") return PUBLIC_ERRORS.notSent;
    const [t = "", mac = ""] = str(body, "started").split(".");
    const expected = Buffer.from(sign(t));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return PUBLIC_ERRORS.notSent;
    const elapsed = Date.now() - Number(t);
    if (elapsed < MIN_SECONDS * 1000) return PUBLIC_ERRORS.tooFast;
    return elapsed <= MAX_HOURS * 3_600_000 ? null : PUBLIC_ERRORS.tooSlow;
  };

  const page = async (reply: FastifyReply, values: ReturnType<typeof formValues>, summary = errorSummary([])) => {
    const members = await loadOrganisationsToAsk(db);
    return reply.view("rights/public-form", {
      values,
      sendsEmail,
      started: stamp(),
      typeItems: formHelpers.radioItems(optionsOf(RIGHTS_TYPES, PUBLIC_WORDS.publicRightsType), values.type),
      relationshipItems: formHelpers.radioItems(optionsOf(REQUESTER_RELATIONSHIPS, PUBLIC_WORDS.publicRelationship), values.relationship),
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
        const refusal = notHuman(body);
        if (refusal) throw new ValidationError([{ path: "/form", message: refusal }]);
        const acknowledgeByEmail = sendsEmail && values.acknowledge;
        const reference = await submitPublicRequest(db, {
          ...requestFormInput(values),
          organisationIds: values.organisationIds,
          acknowledgeByEmail,
        });
        return reply.view("rights/public-sent", { reference, emailed: acknowledgeByEmail });
      },
      REQUEST_FORM,
    );
  });
}
