import { blank, type QualityCheck } from "./check";

/** Parties: at least two, each with a signatory and a contact; joint controllers with an Article 26 arrangement. */
export function checkParties({ content, partyName, add }: QualityCheck): void {
  if (content.parties.length < 2) {
    add(
      "Q-FEW-PARTIES",
      "parties",
      "/parties",
      content.parties.length === 0 ? "The agreement names no parties" : "The agreement names only one party",
    );
  }
  content.parties.forEach((party, i) => {
    const name = partyName(party.organisationId);
    if (!party.signatoryUserId && blank(party.signatoryJobTitle)) {
      add("Q-NO-SIGNATORY", "parties", `/parties/${i}/signatoryUserId`, `${name} has no signatory`);
    }
    if (blank(party.contactName) && blank(party.contactEmail)) {
      add("Q-NO-CONTACT", "parties", `/parties/${i}/contactName`, `${name} has no contact for day-to-day questions`);
    }
    if (party.controllerRelationship === "JOINT" && blank(party.art26Arrangement)) {
      add(
        "Q-JOINT-NO-ART26",
        "parties",
        `/parties/${i}/art26Arrangement`,
        `${name} is a joint controller but no Article 26 arrangement is recorded`,
      );
    }
  });
}
