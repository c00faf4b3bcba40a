import type { ShareDecisionInput } from "../decision-input";
import type { Add, Finding } from "./facts";

/** An emergency share (ICO 10 steps, step 9): what it cannot go without, and the record that is due later. */

/** What an emergency share cannot go without, so still blocks: the one-line reason, who it goes to, and what. */
export function essentialInEmergency(f: Finding): boolean {
  if (f.code === "ICO9-EMERGENCY") return true;
  // An emergency never lets a protected detail go on a practitioner's say-so: redacting it delays nothing.
  if (f.code === "GR5-PROTECT-IDENTITIES") return true;
  // A partner system's access reaches no further than its agreement: a person can still make the emergency share.
  if (f.code === "DSA-API-CLIENT") return true;
  return f.code === "GR7-RECORD" && (f.path === "/recipient/organisationId" || f.path === "/items/items");
}

export function checkEmergency(input: ShareDecisionInput, add: Add): void {
  if (input.emergency.immediateRisk !== true) return;
  if (!input.emergency.reason?.trim()) {
    add(
      "ICO9-EMERGENCY",
      "block",
      "/emergency/reason",
      "Say in one line why this cannot wait: the reason is recorded before the share goes",
    );
  }
  add(
    "ICO9-EMERGENCY",
    "warning",
    "/emergency/immediateRisk",
    "This is an emergency share: it goes now, and the full record of the decision is due within the organisation's deadline. Complete it from the decision's page",
  );
}
