import { ROLES_WITHOUT_SAFEGUARDING_ROLE } from "../vocabulary";
import type { Add, DecisionFacts } from "./facts";

/** Who the information goes to: another organisation, and someone whose role needs it. */

export function checkRecipient(facts: DecisionFacts, add: Add): void {
  const { organisationId, role, userId } = facts.input.recipient;
  if (!organisationId) {
    add("GR7-RECORD", "block", "/recipient/organisationId", "Select the organisation the information goes to");
  } else if (organisationId === facts.sender.organisationId) {
    add(
      "GR7-RECORD",
      "block",
      "/recipient/organisationId",
      "Choose another organisation: this records sharing with other organisations, not within your own",
    );
  }
  if (!role) {
    add(
      "GR6-MINIMISE",
      "block",
      "/recipient/role",
      "Select the recipient's role: only those with a safeguarding or support role may receive it",
    );
  } else if (ROLES_WITHOUT_SAFEGUARDING_ROLE.includes(role)) {
    add(
      "GR6-MINIMISE",
      "block",
      "/recipient/role",
      "The recipient has no safeguarding or support role, so the information may not go to them: send it to someone who has, such as their safeguarding lead",
    );
  }
  const roles = facts.recipientUserRoles;
  if (userId && roles && !roles.some((r) => r === "practitioner" || r === "safeguarding_lead")) {
    add(
      "GR6-MINIMISE",
      "block",
      "/recipient/userId",
      "The named person does not work with children's records in Safeshare (they are not a practitioner or safeguarding lead): name someone who does, or send it to their organisation",
    );
  }
}
