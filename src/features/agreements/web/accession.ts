import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { ConflictError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  type ErrorSummary,
  errorSummary,
  formHelpers,
  list,
  optionsOf,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { loadOrganisations } from "../../organisations-and-users";
import { CONTROLLER_RELATIONSHIP_LABELS, CONTROLLER_RELATIONSHIPS } from "../domain/content";
import { ARTICLE_6, ARTICLE_6_LABELS, ARTICLE_9_10, ARTICLE_9_10_LABELS, GATEWAY_LABELS, GATEWAYS } from "../domain/lawful-basis";
import { isOperating } from "../domain/lifecycle";
import { signatoryCandidates } from "../services/signatory-candidates";
import { proposeAccession } from "../services/versions";
import { agreementId } from "./agreement-pages";
import { type AgreementState, assertManager, loadAgreementState } from "./load";

/**
 * A new organisation joins an agreement in force (an accession): step 1 chooses the organisation (a
 * GET form), step 2 its controller relationship, signatory and legal basis.
 */
export async function accessionPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  async function accessionContext(state: AgreementState, organisationId: string) {
    assertManager(state);
    const terms = state.inForce;
    if (!terms || !isOperating(state.agreement)) {
      throw new ConflictError("An organisation can only join an agreement that is in force");
    }
    if (state.pending) throw new ConflictError(`Version ${state.pending.version} is still pending: send it, or discard it, first`);
    const organisations = await loadOrganisations(db);
    const parties = new Set(terms.content.parties.map((p) => p.organisationId));
    const candidates = organisations.filter((o) => !parties.has(o.id));
    const chosen = candidates.find((o) => o.id === organisationId);
    const signatories = chosen ? ((await signatoryCandidates(db, [chosen.id]))[chosen.id] ?? []) : [];
    return {
      ...formHelpers,
      agreement: state.agreement,
      reference: state.reference,
      title: terms.content.documentControl.title,
      organisationOptions: candidates.map((o) => ({ value: o.id, text: o.name })),
      chosen: chosen ? { id: chosen.id, name: chosen.name } : null,
      signatoryOptions: signatories.map((u) => ({ value: u.id, text: u.name })),
      controllerOptions: optionsOf(CONTROLLER_RELATIONSHIPS, CONTROLLER_RELATIONSHIP_LABELS),
      gatewayOptions: optionsOf(GATEWAYS, GATEWAY_LABELS),
      article6Options: optionsOf(ARTICLE_6, ARTICLE_6_LABELS),
      article9Options: optionsOf(ARTICLE_9_10, ARTICLE_9_10_LABELS),
      errors: {} as Record<string, { text: string }>,
    };
  }

  app.get("/agreements/:id/accession", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    const organisationId = queryOf(request).organisationId ?? "";
    const context = await accessionContext(state, organisationId);
    const show = (summary: ErrorSummary) =>
      reply.view("agreements/accession", {
        ...context,
        values: { organisationId, controllerRelationship: "SEPARATE", gateways: [], article6: [], article9: [] },
        ...summary,
      });
    return withFormErrors(reply, show, async () => {
      if (organisationId && !context.chosen) {
        throw new ValidationError([{ path: "/organisationId", message: "Select an organisation that is not already a party" }]);
      }
      return show(errorSummary([]));
    });
  });

  app.post("/agreements/:id/accession", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    const body = bodyOf(request);
    const values = {
      organisationId: str(body, "organisationId"),
      controllerRelationship: str(body, "controllerRelationship"),
      signatoryUserId: str(body, "signatoryUserId"),
      signatoryJobTitle: str(body, "signatoryJobTitle"),
      gateways: list(body, "gateways"),
      article6: list(body, "article6"),
      article9: list(body, "article9"),
    };
    const context = await accessionContext(state, values.organisationId);
    return withFormErrors(
      reply,
      (summary) => reply.view("agreements/accession", { ...context, values, ...summary }),
      async () => {
        const created = await proposeAccession(db, actor, id, {
          organisationId: values.organisationId,
          controllerRelationship: (values.controllerRelationship || undefined) as never,
          signatoryUserId: values.signatoryUserId,
          signatoryJobTitle: values.signatoryJobTitle,
          gateways: values.gateways as never,
          article6: values.article6 as never,
          article9: values.article9 as never,
        });
        return reply.redirect(`/agreements/${id}?accession=${created.version}`);
      },
      // The service checks the new party as part of the whole agreement: "/parties/3/signatoryUserId" is this form's signatory.
      { leadWithMessage: true, mapPath: (path) => path.replace(/^\/(parties|legalBasis)\/\d+(?=\/|$)/, "") || "/organisationId" },
    );
  });
}
