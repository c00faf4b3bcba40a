import type { RevocationReason } from "./domain/revocation";
import type { ClientRole } from "./domain/scopes";

export type ApiClientRef = { type: "api_client"; id: string };

/** Partner systems' clients and tokens (issue 20). Ids, scopes and hints only: never a token. */
export type ApiClientsAuditEvent =
  | {
      type: "api_client.created";
      entity: ApiClientRef;
      details: { responsibleUserId: string; roles: ClientRole[]; scopes: string[]; agreementId: string | null; expiresAt: string };
    }
  /** A token was issued for the client, replacing any it had (`rotated`); `hint` is its first characters. */
  | { type: "api_client.token_issued"; entity: ApiClientRef; details: { hint: string; rotated: boolean } }
  | { type: "api_client.revoked"; entity: ApiClientRef; details: { reason: RevocationReason } };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    "api-clients": ApiClientsAuditEvent;
  }
  interface AuditEntityCatalogue {
    "api-clients": "api_client";
  }
}
