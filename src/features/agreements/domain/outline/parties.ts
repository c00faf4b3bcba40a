/** The parties section of the outline: one group of rows per party, named by its legal name. */
import { CONTROLLER_RELATIONSHIP_LABELS } from "../content";
import type { AgreementDocument } from "../document";
import { type Block, NOT_STATED, type OrganisationName, text } from "./blocks";

export function parties(doc: AgreementDocument, orgName: OrganisationName): Block[] {
  if (!doc.content.parties.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return doc.content.parties.map((party) => {
    const org = doc.organisations[party.organisationId];
    const contact = [party.contactName.trim(), party.contactEmail.trim()].filter(Boolean).join(", ");
    const dpo = [org?.dpoName?.trim(), org?.dpoEmail?.trim()].filter(Boolean).join(", ");
    return {
      kind: "rows",
      heading: orgName(party.organisationId),
      rows: [
        { label: "Legal name", value: orgName(party.organisationId) },
        { label: "ICO registration number", value: text(org?.icoRegistration) },
        { label: "Controller relationship", value: CONTROLLER_RELATIONSHIP_LABELS[party.controllerRelationship] },
        {
          label: "Article 26 arrangement",
          value: party.controllerRelationship === "JOINT" ? text(party.art26Arrangement) : "Not applicable: not a joint controller",
        },
        { label: "Signatory", value: party.signatoryUserId ? text(doc.users[party.signatoryUserId]?.name) : NOT_STATED },
        { label: "Signatory's job title", value: text(party.signatoryJobTitle) },
        { label: "Contact", value: text(contact) },
        { label: "Data protection officer", value: text(dpo) },
      ],
    };
  });
}
