import type { Catalogue, Locale } from "../../../platform/messages";
import type { RevocationReason } from "./revocation";
import type { ApiResource } from "./scopes";

/** API clients: the words for people, keyed by stable codes (see `platform/messages.ts`). */
const en = {
  /** Why a token was not accepted: read only by whoever holds it, so it may say which. */
  refusal: {
    missing: "Send the API token in an Authorization header: Bearer followed by the token",
    unknown: "This API token is not recognised: check it was copied whole, or ask your administrator for a new one",
    rotated: "This API token was replaced by a newer one: use the newest token your administrator gave you",
    revoked: "This API client was revoked: ask your administrator",
    expired: "This API client has expired: ask your administrator for a new one",
    responsiblePersonLeft: "The person responsible for this API client has left: ask your administrator to set up a new client",
    agreementNotInForce: "The agreement this API client serves is no longer in force, so the client was revoked",
    notForClients: "This part of the API is for people signed in to Safeshare, not for partner systems",
    scope: "This API client may not {access} {resource}: its scopes would need {scope}",
  },
  access: { read: "read", write: "change" },
  resource: {
    subjects: "people's records",
    items: "record items",
    concerns: "concerns",
    "share-decisions": "share decisions",
    disclosures: "information shared with or by your organisation",
    "information-requests": "requests for information",
    "rights-requests": "rights requests",
    agreements: "data sharing agreements",
  } satisfies Record<ApiResource, string>,
  revocation: {
    revoked: "Revoked by an administrator",
    agreement_not_in_force: "Revoked: the agreement it serves left force",
    responsible_person_left: "Revoked: the person responsible for it left",
  } satisfies Record<RevocationReason, string>,
  /** What each of this feature's audit events says in the audit log. */
  apiClientsAuditEvent: {
    "api_client.created": "{actor} gave a partner system access to the API: {about}",
    "api_client.token_issued": "{actor} issued an API token for {about}",
    "api_client.revoked": "{actor} revoked a partner system's access to the API: {about}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const API_CLIENTS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
