import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { ADMINISTRATOR_ROLES, ROLE_LABELS } from "../../../platform/auth/roles";
import { type DateParts, datePartsFrom, isoFromParts, today, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { type FormBody, handleForm, list, parseForm, str } from "../../../platform/web-kit/forms";
import { agreementsInForceFor } from "../../agreements";
import { latestExpiry, newApiClientInput } from "../domain/inputs";
import { API_CLIENTS_MESSAGES } from "../domain/messages";
import { API_RESOURCES, type ApiResource, CLIENT_ROLES } from "../domain/scopes";
import {
  type ApiClientView,
  createApiClient,
  loadApiClient,
  loadApiClients,
  loadTokens,
  responsibleCandidates,
  rotateApiToken,
} from "../services/clients";
import { revokeApiClient } from "../services/revoke";

const words = API_CLIENTS_MESSAGES.en;

/** What the form shows again after a refusal: as typed, the access per resource as chosen. */
interface FormValues {
  name: string;
  responsibleUserId: string;
  roles: string[];
  access: Record<string, string>;
  agreementId: string;
  expiresOn: DateParts;
}

/** The form's answers as the service takes them: each resource's "read" or "write" becomes its scope. */
function inputOf(values: FormValues) {
  const scopes = API_RESOURCES.flatMap((r) =>
    values.access[r] === "read" || values.access[r] === "write" ? [`${r}:${values.access[r]}`] : [],
  );
  return { ...values, scopes, expiresOn: isoFromParts(values.expiresOn) };
}

function valuesOf(body: FormBody): FormValues {
  return {
    name: str(body, "name"),
    responsibleUserId: str(body, "responsibleUserId"),
    roles: list(body, "roles"),
    access: Object.fromEntries(API_RESOURCES.map((r) => [r, str(body, `access-${r}`) || "none"])),
    agreementId: str(body, "agreementId"),
    expiresOn: datePartsFrom(body, "expiresOn"),
  };
}

/** A client's state in words: active until its expiry, expired, or revoked and why. */
function statusOf(client: ApiClientView): { text: string; colour: string } {
  if (client.status === "revoked") return { text: words.revocation[client.revocation ?? "revoked"], colour: "grey" };
  if (client.status === "expired") return { text: `Expired on ${ukDate(client.expiresAt)}`, colour: "grey" };
  return { text: "Active", colour: "green" };
}

/** "Read and change people's records" for each scope, in the resources' order. */
const scopeWords = (scopes: readonly string[]) =>
  API_RESOURCES.flatMap((r: ApiResource) =>
    scopes.includes(`${r}:write`)
      ? [`Read and change ${words.resource[r]}`]
      : scopes.includes(`${r}:read`)
        ? [`Read ${words.resource[r]}`]
        : [],
  );

/**
 * An organisation administrator's pages for partner systems' API clients (issue 20): set one up,
 * see its tokens' last use, rotate its token, revoke it. A token is shown once, on the page after it
 * is issued, and never again.
 */
export async function apiClientPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor(ADMINISTRATOR_ROLES));

  const present = (client: ApiClientView) => ({
    ...client,
    statusTag: statusOf(client),
    scopeWords: scopeWords(client.scopes),
    roleWords: client.roles.map((r) => ROLE_LABELS[r]).join(", "),
  });

  app.get("/api-clients", async (request, reply) => {
    const clients = await loadApiClients(db, actorOf(request));
    return reply.view("api-clients/list", { clients: clients.map(present) });
  });

  const formContext = async (actor: Actor) => ({
    people: await responsibleCandidates(db, actor),
    agreements: await agreementsInForceFor(db, actor, today()),
    roleOptions: CLIENT_ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] })),
    resources: API_RESOURCES.map((r) => ({ value: r, text: words.resource[r] })),
    latest: ukDate(latestExpiry(today())),
  });

  app.get("/api-clients/new", async (request, reply) => {
    const values: FormValues = {
      name: "",
      responsibleUserId: "",
      roles: ["practitioner"],
      access: {},
      agreementId: "",
      expiresOn: { day: "", month: "", year: "" },
    };
    return reply.view("api-clients/new", { ...(await formContext(actorOf(request))), values });
  });

  app.post("/api-clients/new", async (request, reply) => {
    const actor = actorOf(request);
    const values = valuesOf(request.body as FormBody);
    return handleForm(reply, { view: "api-clients/new", context: await formContext(actor), values }, async () => {
      const { client, token } = await createApiClient(db, actor, parseForm(newApiClientInput, inputOf(values)));
      return reply.view("api-clients/token", { client: present(client), token, rotated: false });
    });
  });

  app.get("/api-clients/:id", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const client = await loadApiClient(db, actor, id);
    return reply.view("api-clients/show", {
      client: present(client),
      tokens: await loadTokens(db, actor, id),
      revoked: (request.query as Record<string, string>).revoked === "1",
    });
  });

  app.post("/api-clients/:id/token", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const token = await rotateApiToken(db, actor, id);
    return reply.view("api-clients/token", { client: present(await loadApiClient(db, actor, id)), token, rotated: true });
  });

  app.post("/api-clients/:id/revoke", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    await revokeApiClient(db, actorOf(request), id);
    return reply.redirect(`/api-clients/${id}?revoked=1`);
  });
}
