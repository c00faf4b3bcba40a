import { hasAnyRole, type Role } from "./auth/roles";

/**
 * Rule codes and the one-line source each cites (docs/domain.md). Code that enforces a rule names it by
 * code; people read the plain-English reason, never just "denied" (see `readsRuleCodes`).
 */
export const DSA_RULES = {
  "DSA-NOT-PARTY":
    "The sender and recipient must both be parties to the agreement, with a flow between them (ICO data sharing code: agreements name the parties and what flows between them)",
  "DSA-NOT-IN-FORCE":
    "The agreement must be signed, not suspended, expired or terminated, and not more than 3 months past its review date (ICO data sharing code Annex A: review and termination)",
  "DSA-PURPOSE": "Information may only be shared for a purpose the agreement lists (UK GDPR Art 5(1)(b) purpose limitation)",
  "DSA-ITEM": "Only the data items the agreement lists may be shared under it (UK GDPR Art 5(1)(c) data minimisation)",
  "DSA-BASIS": "The lawful basis relied on must be one the agreement lists for the sending party (UK GDPR Arts 6, 9, 10)",
  "DSA-ONWARD":
    "A recipient may not pass information on where the agreement says onward disclosure is not permitted (ICO data sharing code)",
  "DSA-API-CLIENT":
    "A partner system given access to serve one agreement may share only under that agreement: its access reaches no further than the agreement its organisation signed (ICO data sharing code: access limited to what the agreement covers)",
} as const;
export type DsaCode = keyof typeof DSA_RULES;

/**
 * The rules a share decision is checked against (docs/domain.md §2–§4), each with its one-line source. A
 * finding under one of these codes either blocks the decision or is a warning the decider must
 * acknowledge; which, depends on the case (a protected address shared without a reason blocks, with
 * one it warns), so severity belongs to the finding, not the code.
 */
export const SHARE_RULES = {
  "P-PURPOSE": "Information is shared for a stated, specific purpose (UK GDPR Art 5(1)(b); DfE flowchart step 1)",
  "GR7-RECORD": "Record the decision and the reasons, whether or not you share; if you share, what, with whom and why (DfE golden rule 7)",
  "GR6-MINIMISE":
    "Share only relevant, accurate information, only with those who have a safeguarding or support role, only what they need (DfE golden rule 6)",
  "GR2-ENGAGE":
    "Where safe, tell the child and family who you will share with, what and why; if you do not, record why (DfE golden rule 2)",
  "GR3-NO-CONSENT-NEEDED":
    "Consent is not needed to share where a child is at risk of significant harm, and is usually not the right lawful basis (DfE golden rule 3)",
  "GR4-SEEK-ADVICE":
    "When unsure, seek advice from the safeguarding lead or IG lead, without identifying the person where possible; never let it delay an urgent share (DfE golden rule 4)",
  "GR5-PROTECT-IDENTITIES":
    "Protect the identities of anyone who could be harmed if an abuser learned them, such as a refuge address (DfE golden rule 5)",
  "P-NECESSARY-PROPORTIONATE":
    "Share only what is necessary for the purpose and proportionate to the need and the level of risk, and say why (DfE 2018 principles)",
  "P-ACCURATE":
    "Share accurate, up-to-date information, fact kept apart from opinion, historical information labelled (DfE 2018 principles)",
  "L-NO-ART6": "Sharing personal data needs an Article 6 lawful basis (UK GDPR Art 6(1))",
  "L-NO-ART9":
    "Special category data needs an Article 9 condition, and criminal offence data an Article 10 condition (UK GDPR Arts 9, 10; DPA18 Sch 1)",
  "L-S1P18-INCOMPLETE":
    "The safeguarding condition needs the reason consent is not relied on and an appropriate policy document (DPA18 Sch 1 paras 18 and 39)",
  "L-LI-PUBLIC-AUTHORITY":
    "Public authorities cannot rely on legitimate interests for processing in performance of their tasks (UK GDPR Art 6(1) final sentence)",
  "L-VITAL-CAPABLE": "Vital interests covers special category data only where the person cannot give consent (UK GDPR Art 9(2)(c))",
  "L-CONFIDENCE":
    "Confidential information needs a route through the common law duty of confidence: consent, a legal requirement or the public interest (ICO data sharing code; DfE information sharing advice)",
  "R-RESTRICTED": "Restricted information may only be stored, not shared, until the restriction is lifted (UK GDPR Art 18)",
  "R-CONSENT-WITHDRAWN":
    "Once consent is withdrawn, sharing that rested on it stops; another basis is relied on only if it truly applies (UK GDPR Art 7(3))",
  "R-OBJECTION-UPHELD":
    "After an objection is upheld, sharing under that basis stops until compelling legitimate grounds are recorded (UK GDPR Art 21(1))",
  "ICO6-AGREEMENT":
    "Routine sharing should be covered by a data sharing agreement; one-off sharing without one is lawful (ICO 10 step guide, step 6)",
  "ICO9-EMERGENCY": "In an emergency, share what is necessary now and record the decision in full afterwards (ICO 10 step guide, step 9)",
} as const;
export type ShareRuleCode = keyof typeof SHARE_RULES;

/** Every rule a share can be checked against, with its source: what the decision pages and the API cite. */
export const ALL_SHARE_RULES: Record<ShareRuleCode | DsaCode, string> = { ...SHARE_RULES, ...DSA_RULES };

/**
 * Who is shown rule codes on a page: safeguarding and IG leads, who answer for the rules, in a details
 * panel beside the reasons. Everyone else reads only the reasons; the API always names the codes.
 */
export function readsRuleCodes(roles: readonly Role[]): boolean {
  return hasAnyRole(roles, ["safeguarding_lead", "ig_lead"]);
}
