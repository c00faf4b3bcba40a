import { ROLE_LABELS } from "../../../platform/auth/roles";
import { message } from "../../../platform/messages";
import type { DisclosureContext } from "../domain/disclosure-context";
import { SHARING_MESSAGES } from "../domain/messages";
import { CONSENT_STATUS_LABELS } from "../domain/vocabulary";

/**
 * What a recipient reads about the decision behind a disclosure, in sentences from the catalogue:
 * consent, the level of need, what was held back, and who sent it. A disclosure sent before the
 * context was kept says plainly that it was not recorded, rather than leaving a gap to be guessed at.
 */

const say = (key: string, params: Record<string, string | number> = {}) => message(SHARING_MESSAGES.en, `disclosureContext.${key}`, params);

export interface WhatYouWereTold {
  consent: string;
  levelOfNeed: string;
  withheld: string;
  /** The sender's roles in words, or "not recorded". */
  senderRole: string;
  /** The email to reach the sender at; null when not recorded. */
  senderEmail: string | null;
}

export function whatYouWereTold(
  context: DisclosureContext | null,
  { emergency, redactedItems }: { emergency: boolean; redactedItems: number },
): WhatYouWereTold {
  const notRecorded = say("sentBeforeRecorded");
  return {
    consent: context ? consentSentence(context.consent, emergency) : notRecorded,
    levelOfNeed: context ? (context.levelOfNeed?.label ?? say("levelNotGiven")) : notRecorded,
    withheld: withheldSentence(context, redactedItems) ?? notRecorded,
    senderRole: context?.sender.roles.length ? context.sender.roles.map((r) => ROLE_LABELS[r]).join(", ") : notRecorded,
    senderEmail: context?.sender.email ?? null,
  };
}

function consentSentence(consent: DisclosureContext["consent"], emergency: boolean): string {
  if (!consent) return say(emergency ? "consentNotRecordedInEmergency" : "consentNotRecorded");
  if (consent.status === "NOT_SOUGHT" && consent.notSoughtReason) return say("consentNotSought", { reason: consent.notSoughtReason });
  return CONSENT_STATUS_LABELS[consent.status];
}

/**
 * Whether anything was held back, and what: items not sent, protected addresses left out, words
 * taken out. Redactions are marked on the items themselves, so even a disclosure from before the
 * context was kept can say that much; without the context and without redactions, undefined.
 */
function withheldSentence(context: DisclosureContext | null, redactedItems: number): string | undefined {
  const parts = [
    ...(context?.withheld.items ? [say("itemsWithheld", { count: context.withheld.items })] : []),
    ...(context?.withheld.protectedAddresses ? [say("addressesLeftOut", { count: context.withheld.protectedAddresses })] : []),
    ...(redactedItems ? [say("wordsRedacted", { count: redactedItems })] : []),
  ];
  if (!context && !parts.length) return undefined;
  if (!context?.withheld.partial && !parts.length) return say("withheldNone");
  const opening = say(context?.withheld.partial ? "withheldPartial" : "withheldSome");
  return [opening, ...parts, say("askSender")].join(" ");
}
