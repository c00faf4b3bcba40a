import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { ConflictError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { buildDocument } from "../services/load-document";
import { signAgreement } from "../services/sign-agreement";
import { agreementId } from "./agreement-pages";
import { type AgreementState, canSignNow, loadAgreementState, partyStatuses } from "./load";

/** A party's named signatory signs the version awaiting signatures, confirming with their password. */
export async function signingPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  async function signContext(actor: Actor, state: AgreementState) {
    const version = state.pending;
    if (version?.state !== "AWAITING_SIGNATURES") throw new ConflictError("There is no version of this agreement waiting for signatures");
    const doc = await buildDocument(db, state.agreement, version);
    if (!canSignNow(actor, doc, version)) {
      const party = version.content.parties.find((p) => p.organisationId === actor.organisationId);
      if (doc.signatures.some((s) => s.organisationId === actor.organisationId && s.version === version.version)) {
        throw new ConflictError(`${actor.organisationName} has already signed version ${version.version}`);
      }
      throw new NotPermittedError(
        party && version.requiredSignatories.includes(actor.organisationId)
          ? `Only the named signatory for ${actor.organisationName} can sign`
          : `Your organisation is not asked to sign version ${version.version}`,
      );
    }
    return {
      agreement: state.agreement,
      reference: state.reference,
      title: doc.title,
      version: version.version,
      kind: version.kind,
      changeSummary: version.changeSummary,
      parties: partyStatuses(doc, version),
      organisationName: actor.organisationName,
      errors: {},
    };
  }

  app.get("/agreements/:id/sign", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    return reply.view("agreements/sign", await signContext(actor, state));
  });

  app.post("/agreements/:id/sign", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    const body = bodyOf(request);
    const version = Number(str(body, "version"));
    const context = await signContext(actor, state);
    return withFormErrors(
      reply,
      // Nothing typed is shown again: the password field is always empty.
      (summary) => reply.view("agreements/sign", { ...context, ...summary }),
      async () => {
        const password = str(body, "password");
        if (!password) throw new ValidationError([{ path: "/password", message: "Enter your password" }]);
        if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647)
          throw new ValidationError([{ path: "/password", message: "Reload the page and try again" }]);
        await signAgreement(db, actor, id, { version, password });
        return reply.redirect(`/agreements/${id}?signed=${version}`);
      },
      { leadWithMessage: true },
    );
  });
}
