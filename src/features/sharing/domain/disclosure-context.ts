import { ROLES, type Role } from "../../../platform/auth/roles";
import type { ShareDecisionInput } from "./decision-input";
import { SHARING_MESSAGES } from "./messages";
import type { ConsentStatus, NotSoughtReason } from "./vocabulary";

/**
 * What a recipient is told about the decision behind what it received, beside the information itself:
 * where consent stood, the level of need it was decided at, whether anything was held back, and who
 * to ask about it. Part of the snapshot made when it is sent, so it says what the sender knew then;
 * disclosures sent before it was kept have none, and their pages say so ("not recorded").
 */
export interface DisclosureContext {
  /** Null when the sender had not recorded it when it went (an emergency share goes first). */
  consent: { status: ConsentStatus; notSoughtReason: NotSoughtReason | null } | null;
  /** The level on the partnership's scale of need, with its words as they were then; null when none was given. */
  levelOfNeed: { code: string; label: string } | null;
  /**
   * What the sender held back: whether it decided to share only some of it, how many items it
   * considered and did not send, and how many protected addresses it left out. Words taken out of an
   * item are marked on the item itself.
   */
  withheld: { partial: boolean; items: number; protectedAddresses: number };
  /** Who decided, as they were: their roles and the email to reach them at. */
  sender: { roles: Role[]; email: string };
}

/**
 * The context of a decision being delivered, from its answers as recorded (`input`, with what
 * Safeshare took out) and the decider as they were. `levels` is the partnership's scale of need, for
 * the words of the level chosen.
 */
export function disclosureContext(
  input: ShareDecisionInput,
  decider: { roles: readonly string[]; email: string },
  levels: readonly { code: string; label: string }[],
): DisclosureContext {
  const { consentStatus, consentNotSoughtReason } = input.transparency;
  const level = input.purpose.levelOfNeed ? levels.find((l) => l.code === input.purpose.levelOfNeed) : undefined;
  return {
    consent: consentStatus ? { status: consentStatus, notSoughtReason: consentNotSoughtReason ?? null } : null,
    levelOfNeed: input.purpose.levelOfNeed
      ? { code: input.purpose.levelOfNeed, label: level?.label ?? SHARING_MESSAGES.en.disclosureContext.levelNotOnScale }
      : null,
    withheld: {
      partial: input.decision.outcome === "PARTIAL_SHARE",
      items: (input.items.items ?? []).filter((c) => !c.share).length,
      protectedAddresses: input.items.protectedAddressesLeftOut ?? 0,
    },
    sender: { roles: ROLES.filter((r) => decider.roles.includes(r)), email: decider.email },
  };
}
