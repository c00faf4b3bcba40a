/**
 * The JSON-LD nodes every part of the ODRL export is built from: an IRI reference, a typed literal,
 * an ISO 8601 duration, and the names of the policy and its parties.
 */
import type { AgreementDocument } from "../document";

export type Node = Record<string, unknown>;

export const ref = (iri: string): Node => ({ "@id": iri });
export const typed = (value: string, type: string): Node => ({ "@value": value, "@type": type });

/** Retention as an ISO 8601 duration in months, e.g. 72 → "P72M". */
export function monthsDuration(months: number): string {
  return `P${months}M`;
}

/** How the export names things: the policy's IRI, an organisation's IRI, and a party as a node. */
export interface PolicyNames {
  policyId: string;
  orgUri: (organisationId: string) => string;
  party: (organisationId: string) => Node;
}

/** `base` is the public base URL without a trailing slash; IRIs are the API's own addresses. */
export function policyNames(doc: AgreementDocument, base: string): PolicyNames {
  const { content } = doc;
  const policyId = `${base}/api/v1/agreements/${doc.agreementId}/versions/${doc.version}`;
  const orgUri = (organisationId: string) => `${base}/api/v1/organisations/${organisationId}`;

  const party = (organisationId: string): Node => {
    const org = doc.organisations[organisationId];
    const role = content.parties.find((p) => p.organisationId === organisationId);
    const node: Node = {
      "@id": orgUri(organisationId),
      "@type": ["Party", role?.controllerRelationship === "PROCESSOR" ? "dpv:DataProcessor" : "dpv:DataController"],
      "vcard:fn": org?.name ?? organisationId,
    };
    if (role) node["safeshare:controllerRelationship"] = role.controllerRelationship;
    if (org?.icoRegistration) node["safeshare:icoRegistration"] = org.icoRegistration;
    return node;
  };

  return { policyId, orgUri, party };
}
