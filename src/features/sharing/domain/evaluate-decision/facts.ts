import type { Role } from "../../../../platform/auth/roles";
import type { DsaCode, ShareRuleCode } from "../../../../platform/rules";
import type { Article6, CompiledAgreement, OnwardDisclosure } from "../../../agreements/domain";
import type { AccuracyState, ItemCategory } from "../../../records/domain";
import type { ProcessingRight } from "../../../rights/domain";
import type { ShareDecisionInput } from "../decision-input";
import type { ProtectedMention } from "../protected-details";

/** The facts the rules read, and the findings they give. */

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
  /**
   * The agreement the partner system recording the decision serves (issue 20): it may share under
   * that one only (DSA-API-CLIENT). Null for a person, or a system not bound to an agreement.
   */
  servesAgreement: { id: string; reference: string } | null;
}

export interface ProcessingStop {
  article6: Article6;
  right: ProcessingRight;
  /** The rights request's public reference, so the decider can find why. */
  reference: string;
}

export type Add = (code: RuleCode, severity: Severity, path: string, message: string) => void;
