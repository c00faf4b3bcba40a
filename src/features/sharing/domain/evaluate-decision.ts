import type { Role } from "../../../platform/auth/roles";
import type { DsaCode, ShareRuleCode } from "../../../platform/rules";
import type { OnwardDisclosure } from "../../agreements/domain/content";
import { type CompiledAgreement, evaluateShare } from "../../agreements/domain/evaluate";
import { type Article6, CRIMINAL_OFFENCE_CONDITIONS, SPECIAL_CATEGORY_CONDITIONS } from "../../agreements/domain/lawful-basis";
import type { ItemCategory } from "../../records/domain/information";
import { mayDecideProtectedDetails } from "../../records/domain/links";
import type { AccuracyState } from "../../records/domain/records";
import type { ProcessingRight } from "../../rights/domain/processing";
import type { ItemChoice, ShareDecisionInput } from "./decision-input";
import { protectedDetailsGo } from "./disclosure-snapshot";
import { describeMentions, type ProtectedMention } from "./protected-details";
import { ROLES_WITHOUT_SAFEGUARDING_ROLE } from "./vocabulary";

/**
 * Checks a share decision against the rules of docs/domain.md §2–§4 and, where an agreement is cited,
 * against that agreement version (evaluate.ts). Pure: the service gathers the facts, this says what
 * is wrong. Runs on a half-answered draft too, so each wizard step can show what its answers still
 * need; every finding carries the path of the answer it is about.
 *
 * A `block` stops the decision being recorded; a `warning` must be acknowledged by the decider and is
 * recorded with the decision. In an emergency nothing blocks but what the share cannot go without
 * (who to, what, and the one-line reason): the rest become warnings, and the full record is due later.
 */

export type RuleCode = ShareRuleCode | DsaCode;
export type Severity = "block" | "warning";

export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  /** JSON Pointer to the answer the finding is about, e.g. "/lawfulBasis/article6". */
  path: string;
}

type ProtectedKind = Pick<ProtectedMention, "kind" | "ofSubject">;

/** A record item as it is now, for the rules: its flags and state, not its text. */
export interface ItemFacts {
  /** How people name it in a finding: "the police item dated 3 March 2026". */
  label: string;
  /** The protected details written in its text or its source: what each is and whose, never the detail itself. */
  protectedDetails: readonly ProtectedKind[];
  category: ItemCategory;
  specialCategory: boolean;
  criminalOffence: boolean;
  accuracy: AccuracyState;
  /** Restricted while a rights request is settled (UK GDPR Art 18). */
  restricted: boolean;
  /** Filed from a disclosure another organisation made: who it came from and what it said about passing it on. */
  receivedFrom: { organisationName: string; onward: OnwardDisclosure } | null;
}

export interface DecisionFacts {
  input: ShareDecisionInput;
  /** YYYY-MM-DD: the rules take the date, never the clock. */
  today: string;
  sender: { organisationId: string; isPublicAuthority: boolean };
  /** The roles of whoever records (or approves) it: only some may let a protected detail go. */
  deciderRoles: readonly Role[];
  /** The named recipient's Safeshare roles, when a person is named. */
  recipientUserRoles: readonly Role[] | null;
  /** Keyed by item id: every item the decision mentions. */
  items: ReadonlyMap<string, ItemFacts>;
  subjectHasProtectedAddress: boolean;
  /**
   * The protected details written in the free text another organisation reads as written: the purpose
   * the recipient is sent, and the reasons an organisation that asked is told. What each is, never the
   * detail itself.
   */
  protectedDetailsIn: { purpose: readonly ProtectedKind[]; reasons: readonly ProtectedKind[] };
  /** Sharing about this person stopped by an objection or a withdrawal of consent, by Article 6 basis. */
  processingStops: readonly ProcessingStop[];
  /** The cited agreement version, compiled; null when none is cited. */
  agreement: CompiledAgreement | null;
}

export interface ProcessingStop {
  article6: Article6;
  right: ProcessingRight;
  /** The rights request's public reference, so the decider can find why. */
  reference: string;
}

/** Every finding, blocks first, in the order the wizard asks its questions. */
export function evaluateDecision(facts: DecisionFacts): Finding[] {
  const findings: Finding[] = [];
  const add = (code: RuleCode, severity: Severity, path: string, message: string) => findings.push({ code, severity, message, path });
  const { input } = facts;
  const emergency = input.emergency.immediateRisk === true;
  const outcome = input.decision.outcome;
  const shared = (input.items.items ?? []).filter((i) => i.share);
  const sharing = emergency || outcome === "SHARE" || outcome === "PARTIAL_SHARE";

  checkEmergency(input, add);
  checkPurpose(input, add);
  checkDecision(input, shared.length, add);
  checkReasonsToRequester(facts, add);
  if (sharing) {
    checkPurposeSent(facts, add);
    checkRecipient(facts, add);
    checkTransparency(input, add);
    checkLawfulBasis(facts, shared, add);
    checkItems(facts, shared, add);
    checkAdvice(input, add);
    checkAgreement(facts, shared, add);
  }
  const ordered = emergency
    ? findings.map((f) => (f.severity === "block" && !essentialInEmergency(f) ? { ...f, severity: "warning" as const } : f))
    : findings;
  return [...ordered.filter((f) => f.severity === "block"), ...ordered.filter((f) => f.severity === "warning")];
}

type Add = (code: RuleCode, severity: Severity, path: string, message: string) => void;

/** What an emergency share cannot go without, so still blocks: the one-line reason, who it goes to, and what. */
function essentialInEmergency(f: Finding): boolean {
  if (f.code === "ICO9-EMERGENCY") return true;
  // An emergency never lets a protected detail go on a practitioner's say-so: redacting it delays nothing.
  if (f.code === "GR5-PROTECT-IDENTITIES") return true;
  return f.code === "GR7-RECORD" && (f.path === "/recipient/organisationId" || f.path === "/items/items");
}

function checkEmergency(input: ShareDecisionInput, add: Add): void {
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
    "This is an emergency share: it goes now, and the full record of the decision is due within the organisation's deadline",
  );
}

function checkPurpose(input: ShareDecisionInput, add: Add): void {
  const { code, description } = input.purpose;
  if (!code) add("P-PURPOSE", "block", "/purpose/code", "Select the purpose of sharing");
  if (!description?.trim())
    add("P-PURPOSE", "block", "/purpose/description", "Describe the purpose: what the sharing is meant to achieve for the child");
}

function checkDecision(input: ShareDecisionInput, sharedCount: number, add: Add): void {
  const { outcome, reasons, necessityAndProportionality } = input.decision;
  const emergency = input.emergency.immediateRisk === true;
  if (!outcome && !emergency)
    add("GR7-RECORD", "block", "/decision/outcome", "Select the decision: share, share some of it, or do not share");
  if (!reasons?.trim() && !emergency) {
    add("GR7-RECORD", "block", "/decision/reasons", "Record the reasons for the decision, whichever way it goes");
  }
  if (outcome === "DO_NOT_SHARE") {
    if (sharedCount > 0)
      add(
        "GR7-RECORD",
        "block",
        "/items/items",
        "A decision not to share cannot include items to share: untick them or change the decision",
      );
    return;
  }
  if ((outcome === "SHARE" || outcome === "PARTIAL_SHARE" || emergency) && sharedCount === 0) {
    add("GR7-RECORD", "block", "/items/items", "Choose the items to share: record exactly what goes");
  }
  if ((outcome === "SHARE" || outcome === "PARTIAL_SHARE") && !necessityAndProportionality?.trim()) {
    add(
      "P-NECESSARY-PROPORTIONATE",
      "block",
      "/decision/necessityAndProportionality",
      "Say why sharing this is necessary for the purpose and proportionate to the risk",
    );
  }
}

/**
 * The purpose goes to the recipient, so a protected detail written in it is taken out, as in an item,
 * and the decider is told. It is said at the answer that goes: the description, or in an emergency
 * without one the reason.
 */
function checkPurposeSent(facts: DecisionFacts, add: Add): void {
  const found = facts.protectedDetailsIn.purpose;
  if (!found.length) return;
  const path = facts.input.purpose.description?.trim() ? "/purpose/description" : "/emergency/reason";
  add(
    "GR5-PROTECT-IDENTITIES",
    "warning",
    path,
    `The purpose mentions ${describeMentions(found)}: it is taken out, shown as [redacted], before the recipient is told it. What the sharing is for never needs it: if the recipient must know, a safeguarding lead or IG lead can send it in an item, with the reason`,
  );
}

/**
 * An organisation that asked reads the answer's reasons as written, whatever the answer, so a protected
 * detail in them goes to it: only a safeguarding lead or IG lead may decide that, having read the
 * warning; anyone else rewrites them.
 */
function checkReasonsToRequester(facts: DecisionFacts, add: Add): void {
  const found = facts.protectedDetailsIn.reasons;
  if (!facts.input.informationRequestId || !found.length) return;
  const which = `Your reasons mention ${describeMentions(found)}, and the organisation that asked reads them as written`;
  if (mayDecideProtectedDetails(facts.deciderRoles))
    add("GR5-PROTECT-IDENTITIES", "warning", "/decision/reasons", `${which}: rewrite them without it unless they must know`);
  else
    add(
      "GR5-PROTECT-IDENTITIES",
      "block",
      "/decision/reasons",
      `${which}: rewrite them without it. Only a safeguarding lead or IG lead can decide that it goes`,
    );
}

function checkRecipient(facts: DecisionFacts, add: Add): void {
  const { organisationId, role, userId } = facts.input.recipient;
  if (!organisationId) {
    add("GR7-RECORD", "block", "/recipient/organisationId", "Select the organisation the information goes to");
  } else if (organisationId === facts.sender.organisationId) {
    add(
      "GR7-RECORD",
      "block",
      "/recipient/organisationId",
      "Choose another organisation: sharing within your own organisation is not a disclosure",
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
      "The recipient has no safeguarding or support role, so the information may not go to them",
    );
  }
  const roles = facts.recipientUserRoles;
  if (userId && roles && !roles.some((r) => r === "practitioner" || r === "safeguarding_lead")) {
    add(
      "GR6-MINIMISE",
      "block",
      "/recipient/userId",
      "The named person does not work with children's records in Safeshare (they are not a practitioner or safeguarding lead)",
    );
  }
}

function checkTransparency(input: ShareDecisionInput, add: Add): void {
  const t = input.transparency;
  if (t.informed === undefined) {
    add(
      "GR2-ENGAGE",
      "block",
      "/transparency/informed",
      "Say whether the child or family have been told who you are sharing with, what and why",
    );
  } else if (!t.informed && !t.notInformedReason?.trim()) {
    add("GR2-ENGAGE", "block", "/transparency/notInformedReason", "Record why the child or family have not been told");
  }
  if (!t.consentStatus)
    add("GR7-RECORD", "block", "/transparency/consentStatus", "Record where consent stands: given, refused, withdrawn or not sought");
  if (t.consentStatus === "NOT_SOUGHT" && !t.consentNotSoughtReason) {
    add("GR7-RECORD", "block", "/transparency/consentNotSoughtReason", "Record why consent was not sought");
  }
  if (t.consentStatus === "GIVEN" && !t.consentDetails?.trim()) {
    add("GR7-RECORD", "block", "/transparency/consentDetails", "Record who gave consent, when, how and for what");
  }
}

const SIGNIFICANT_HARM = "CHILD_PROTECTION_S47";

/** What the person's objection or withdrawal of consent stopped (docs/domain.md §6) stays stopped. */
function checkProcessingStops(facts: DecisionFacts, add: Add): void {
  const b = facts.input.lawfulBasis;
  const withdrawn = facts.processingStops.find((s) => s.right === "WITHDRAW_CONSENT");
  if (withdrawn && b.article6 === "A6_1A_CONSENT")
    add(
      "R-CONSENT-WITHDRAWN",
      "block",
      "/lawfulBasis/article6",
      `Consent to sharing about this person was withdrawn (${withdrawn.reference}): rely on another basis only if one truly applies`,
    );
  if (withdrawn && (b.article9 ?? []).includes("A9_2A_EXPLICIT_CONSENT"))
    add(
      "R-CONSENT-WITHDRAWN",
      "block",
      "/lawfulBasis/article9",
      `Consent to sharing about this person was withdrawn (${withdrawn.reference}): explicit consent cannot be the condition`,
    );
  if (withdrawn && b.commonLaw === "CL_CONSENT")
    add(
      "R-CONSENT-WITHDRAWN",
      "block",
      "/lawfulBasis/commonLaw",
      `Consent to sharing about this person was withdrawn (${withdrawn.reference}): it cannot be the route through the duty of confidence`,
    );
  const objected = facts.processingStops.find((s) => s.right === "OBJECTION" && s.article6 === b.article6);
  if (objected)
    add(
      "R-OBJECTION-UPHELD",
      "block",
      "/lawfulBasis/article6",
      `The person's objection to sharing under this basis was upheld (${objected.reference}): it stays stopped until an IG lead records compelling grounds on that request. In an emergency, share now.`,
    );
}

function checkLawfulBasis(facts: DecisionFacts, shared: { itemId: string }[], add: Add): void {
  const { input, sender } = facts;
  const b = input.lawfulBasis;
  const consentGiven = input.transparency.consentStatus === "GIVEN";
  const article9 = b.article9 ?? [];
  const items = shared.map((s) => facts.items.get(s.itemId)).filter((i): i is ItemFacts => !!i);
  if (!b.article6) {
    add(
      "L-NO-ART6",
      "block",
      "/lawfulBasis/article6",
      "Select the Article 6 lawful basis: information about a named person is personal data",
    );
  } else if (b.article6 === "A6_1A_CONSENT" && !consentGiven) {
    add("L-NO-ART6", "block", "/lawfulBasis/article6", "Consent is relied on as the lawful basis, but consent is not recorded as given");
  } else if (b.article6 === "A6_1F_LEGITIMATE_INTERESTS" && sender.isPublicAuthority) {
    add(
      "L-LI-PUBLIC-AUTHORITY",
      "block",
      "/lawfulBasis/article6",
      "Your organisation is a public authority, so it cannot rely on legitimate interests: usually public task or legal obligation applies",
    );
  }
  checkProcessingStops(facts, add);
  if (items.some((i) => i.specialCategory) && !article9.some((c) => SPECIAL_CATEGORY_CONDITIONS.includes(c))) {
    add(
      "L-NO-ART9",
      "block",
      "/lawfulBasis/article9",
      "Some items are special category data (such as health): select an Article 9 condition",
    );
  }
  if (items.some((i) => i.criminalOffence) && !article9.some((c) => CRIMINAL_OFFENCE_CONDITIONS.includes(c))) {
    add("L-NO-ART9", "block", "/lawfulBasis/article9", "Some items are criminal offence data: select an Article 10 condition");
  }
  if (article9.includes("A9_2A_EXPLICIT_CONSENT") && !consentGiven) {
    add("L-NO-ART9", "block", "/lawfulBasis/article9", "Explicit consent is relied on, but consent is not recorded as given");
  }
  if (article9.includes("A9_2G_S1P18_SAFEGUARDING") && (!b.para18Reason || !b.apdReference?.trim())) {
    add(
      "L-S1P18-INCOMPLETE",
      "block",
      b.para18Reason ? "/lawfulBasis/apdReference" : "/lawfulBasis/para18Reason",
      "The safeguarding condition needs the reason consent is not relied on and your appropriate policy document's reference",
    );
  }
  if (article9.includes("A9_2C_VITAL_INTERESTS_INCAPABLE") && input.transparency.capacity !== "NOT_CAPABLE") {
    add(
      "L-VITAL-CAPABLE",
      "block",
      "/transparency/capacity",
      "Vital interests covers special category data only where the person cannot consent: record that they cannot, or choose another condition",
    );
  }
  const consentBasis = b.article6 === "A6_1A_CONSENT" || article9.includes("A9_2A_EXPLICIT_CONSENT");
  const significantHarm =
    input.purpose.code === SIGNIFICANT_HARM || input.purpose.levelOfNeed === SIGNIFICANT_HARM || input.emergency.immediateRisk === true;
  if (consentBasis && significantHarm) {
    add(
      "GR3-NO-CONSENT-NEEDED",
      "warning",
      "/lawfulBasis/article6",
      "The child may be at risk of significant harm: consent is not needed to share, and is usually not the right basis, because it can be withdrawn",
    );
  }
  checkConfidence(input, consentGiven, add);
  if (b.gateway === "OTHER" && !b.gatewayOther?.trim())
    add("GR7-RECORD", "block", "/lawfulBasis/gatewayOther", "Describe the power or duty relied on");
}

function checkConfidence(input: ShareDecisionInput, consentGiven: boolean, add: Add): void {
  if (input.information.confidential !== true) return;
  const route = input.lawfulBasis.commonLaw;
  if (!route || route === "CL_NOT_CONFIDENTIAL") {
    add(
      "L-CONFIDENCE",
      "block",
      "/lawfulBasis/commonLaw",
      "The information is confidential: select how the duty of confidence is met (consent, a legal requirement or the public interest)",
    );
  } else if (route === "CL_CONSENT" && !consentGiven) {
    add(
      "L-CONFIDENCE",
      "block",
      "/lawfulBasis/commonLaw",
      "Consent is given as the way the duty of confidence is met, but consent is not recorded as given",
    );
  }
}

function checkItems(facts: DecisionFacts, shared: { itemId: string }[], add: Add): void {
  const { input } = facts;
  const choices = input.items.items ?? [];
  choices.forEach((choice, index) => {
    const item = facts.items.get(choice.itemId);
    const path = `/items/items/${index}`;
    if (!choice.share) {
      if (input.decision.outcome === "PARTIAL_SHARE" && !choice.withheldReason?.trim()) {
        add("GR7-RECORD", "block", `${path}/withheldReason`, "Say why this item is withheld");
      }
      return;
    }
    if (!item) return;
    if (item.restricted)
      add("R-RESTRICTED", "block", path, "This item is restricted while a rights request is settled: it may be stored but not shared");
    if (item.accuracy === "CORRECTED")
      add("P-ACCURATE", "block", path, "This version has been corrected: share the current version instead");
    if (item.accuracy === "DISPUTED")
      add("P-ACCURATE", "warning", path, "The accuracy of this item is disputed: the recipient will see that it is");
    if (item.receivedFrom && item.receivedFrom.onward !== "PERMITTED") {
      const how =
        item.receivedFrom.onward === "NOT_PERMITTED"
          ? "may not be passed on"
          : `may be passed on only with ${item.receivedFrom.organisationName}'s agreement: ask them to share it`;
      add("DSA-ONWARD", "block", path, `This item came from ${item.receivedFrom.organisationName} and ${how}`);
    }
    if (item.protectedDetails.length) checkProtectedDetails(facts, choice, item, path, add);
  });
  const withheld = choices.filter((c) => !c.share).length;
  const redacted = choices.some((c) => {
    const item = facts.items.get(c.itemId);
    return c.share && ((c.redactions?.length ?? 0) > 0 || (!!item && takesOutProtectedDetails(facts, c, item)));
  });
  if (input.decision.outcome === "SHARE" && withheld > 0) {
    add("GR7-RECORD", "block", "/decision/outcome", "Some items are withheld: record the decision as sharing some of it");
  }
  if (input.decision.outcome === "PARTIAL_SHARE" && withheld === 0 && !redacted) {
    add(
      "GR7-RECORD",
      "block",
      "/decision/outcome",
      "Nothing is withheld or redacted: record the decision as a share, or say what is held back",
    );
  }
  const details = input.items.subjectDetails ?? [];
  const addressReason = input.items.protectedAddressReason?.trim();
  if (addressReason && !mayDecideProtectedDetails(facts.deciderRoles)) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "block",
      "/items/protectedAddressReason",
      "Only a safeguarding lead or IG lead can decide that a protected address goes with a share: leave the reason blank so it is left out, or ask your safeguarding lead to make this decision",
    );
  } else if (details.includes("addresses") && facts.subjectHasProtectedAddress && addressReason) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      "/items/protectedAddressReason",
      "A protected address (such as a refuge) will be shared: make sure the recipient knows to protect it",
    );
  }
  if (input.information.thirdParty === true && shared.length > 0 && !redacted) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      "/items/items",
      "The information is about other people too: redact anything that could identify someone who could be harmed if it were known",
    );
  }
}

/** Protected details written in the item (its text or its source) go only if a safeguarding lead or IG lead says why. */
function takesOutProtectedDetails(facts: DecisionFacts, choice: ItemChoice, item: ItemFacts): boolean {
  return (
    item.protectedDetails.length > 0 && !protectedDetailsGo(choice.protectedDetailsReason, mayDecideProtectedDetails(facts.deciderRoles))
  );
}

/**
 * A protected detail written into a chosen item (GR5-PROTECT-IDENTITIES): by default it is taken out,
 * and the decider is told which item and what it is; a safeguarding lead or IG lead may leave it in
 * with a reason; anyone else's reason is refused, so it cannot go on their say-so.
 */
function checkProtectedDetails(facts: DecisionFacts, choice: ItemChoice, item: ItemFacts, path: string, add: Add): void {
  const which = `${item.label.charAt(0).toUpperCase()}${item.label.slice(1)} mentions ${describeMentions(item.protectedDetails)}`;
  if (choice.protectedDetailsReason?.trim() && !mayDecideProtectedDetails(facts.deciderRoles)) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "block",
      `${path}/protectedDetailsReason`,
      "Only a safeguarding lead or IG lead can decide that a protected detail goes with a share: leave the reason blank so it is taken out, or ask your safeguarding lead to make this decision",
    );
  } else if (takesOutProtectedDetails(facts, choice, item)) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      path,
      `${which}: it is taken out of the text and its source, shown as [redacted], before it goes. Only a safeguarding lead or IG lead can leave it in, by recording why the recipient needs it`,
    );
  } else {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      path,
      `${which}, and it goes as written, for the reason recorded: make sure the recipient knows to protect it`,
    );
  }
}

function checkAdvice(input: ShareDecisionInput, add: Add): void {
  const a = input.advice;
  if (a.sought !== true) {
    add(
      "GR4-SEEK-ADVICE",
      "warning",
      "/advice/sought",
      "No advice is recorded: if you are unsure, ask your safeguarding lead or IG lead (without naming the child where possible)",
    );
    return;
  }
  if (!a.adviserName?.trim() || !a.advice?.trim()) {
    add(
      "GR7-RECORD",
      "block",
      a.adviserName?.trim() ? "/advice/advice" : "/advice/adviserName",
      "Record who gave advice and what they advised",
    );
  }
}

/** The agreement's own terms (DSA-*), or the warning that there is none. */
function checkAgreement(facts: DecisionFacts, shared: { itemId: string }[], add: Add): void {
  const { input, agreement } = facts;
  if (!agreement) {
    add(
      "ICO6-AGREEMENT",
      "warning",
      "/recipient/agreementId",
      input.recipient.routine
        ? "Routine sharing should be covered by a data sharing agreement, and none is cited"
        : "No data sharing agreement is cited: one-off sharing without one is lawful, but check whether one covers this",
    );
    return;
  }
  const { organisationId } = input.recipient;
  if (!organisationId) return;
  // Without a purpose yet (an emergency share goes before its full record), every other term is still checked.
  const evaluation = evaluateShare(agreement, {
    senderOrganisationId: facts.sender.organisationId,
    recipientOrganisationId: organisationId,
    purpose: input.purpose.code ?? null,
    items: shared.flatMap((s) => {
      const item = facts.items.get(s.itemId);
      return item ? [{ category: item.category, specialCategory: item.specialCategory, criminalOffence: item.criminalOffence }] : [];
    }),
    article6: input.lawfulBasis.article6 ?? null,
    article9: input.lawfulBasis.article9 ?? [],
    date: facts.today,
  });
  const exception = input.items.itemException?.trim();
  for (const finding of evaluation.findings) {
    // Items outside the agreement may go with a recorded exception (docs/domain.md §4 step 6).
    const severity = finding.code === "DSA-ITEM" && exception ? "warning" : "block";
    add(
      finding.code,
      severity,
      DSA_PATHS[finding.code],
      finding.reason + (severity === "warning" ? ` (exception recorded: ${exception})` : ""),
    );
  }
}

const DSA_PATHS: Record<DsaCode, string> = {
  "DSA-NOT-PARTY": "/recipient/organisationId",
  "DSA-NOT-IN-FORCE": "/recipient/agreementId",
  "DSA-PURPOSE": "/purpose/code",
  "DSA-ITEM": "/items/items",
  "DSA-BASIS": "/lawfulBasis/article6",
  "DSA-ONWARD": "/items/items",
};

export const blocksOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "block");
export const warningsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "warning");

/** A warning as a decision's record keeps it: what the rules said when it was recorded, and whether the decider acknowledged it. */
export interface RecordedWarning extends Finding {
  acknowledged: boolean;
}

/** As stored: decisions recorded before the flag was kept hold the warnings alone. */
export type StoredWarning = Finding & { acknowledged?: boolean };

/**
 * Each warning with whether the decider acknowledged it. A warning is acknowledged by its rule code (the
 * check page has one box per code, `warningsByCode`), so one acknowledgement covers every warning with
 * that code. A warning stored with its flag keeps it; one stored without (recorded before the flag was
 * kept) is read against the codes its record's own answers acknowledged, which is exactly what allowed it
 * to be recorded.
 */
export function recordedWarnings(warnings: readonly StoredWarning[], acknowledgedCodes: readonly string[]): RecordedWarning[] {
  const acknowledged = new Set(acknowledgedCodes);
  return warnings.map((w) => ({ ...w, acknowledged: w.acknowledged ?? acknowledged.has(w.code) }));
}

/** The warnings under one rule code: what one acknowledgement covers. */
export interface WarningGroup<W extends Finding = RecordedWarning> {
  code: RuleCode;
  /** Every warning under the code, each with its own reason and answer (two items can each mention a refuge). */
  warnings: W[];
  /** Ticked once, for all of them: the decider acknowledges the code having read each. */
  acknowledged: boolean;
}

/**
 * Warnings grouped by rule code, in the order first raised: as the check page offers them (one box per
 * code, every reason listed under it) and as `acknowledgedWarnings` names them, so what the record says
 * was acknowledged is what the decider ticked.
 */
export function warningsByCode<W extends Finding & { acknowledged: boolean }>(warnings: readonly W[]): WarningGroup<W>[] {
  const groups = new Map<RuleCode, W[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  return [...groups].map(([code, under]) => ({ code, warnings: under, acknowledged: under.every((w) => w.acknowledged) }));
}
