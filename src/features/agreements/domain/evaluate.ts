// Over 300 lines on purpose. compileAgreement and evaluateShare are two halves of one fast path: the
// first packs an agreement version into private lookup tables and bit layouts (PartyFacts, PairFacts,
// itemBit, the purpose and lawful basis bitmasks), the second reads them with integer bit tests on
// every share. Splitting compile from evaluate would export those layouts for a single reader and let
// one half change without the other; splitting the checks by rule family would scatter six short
// functions (one per DSA-* code, about 120 lines together) across files that all read the same private
// tables. The whole file is one rule family, the DSA-* enforcement codes, and reads top to bottom.

import type { DsaCode } from "../../../platform/rules";
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, type ItemCategory } from "../../records/domain";
import type { AgreementContent, OnwardDisclosure } from "./content";
import { ARTICLE_6, ARTICLE_6_LABELS, ARTICLE_9_10, ARTICLE_9_10_LABELS, type Article6, type Article9or10 } from "./lawful-basis";
import { type AgreementStatus, type InForceInput, type Lapse as LifecycleLapse, lapsedOn, lapseOf } from "./lifecycle";
import { PURPOSE_CODES, PURPOSE_LABELS, type PurposeCode } from "./purposes";

/**
 * Checks one proposed share against one agreement version (docs/domain.md §5, the DSA-* codes of
 * rules.ts). The sharing workflow calls this for every share, so it is split in two:
 *
 *  - `compileAgreement` runs once per agreement version and turns the content into lookup tables
 *    (Sets, Maps and bitmasks), including every (sender, recipient) pair of parties;
 *  - `evaluateShare` is pure and cheap: Map/Set lookups and integer bit tests, no I/O, no clock
 *    (the date is an input), no Sets built per call, and no allocation at all on the ALLOW path
 *    beyond one empty array. Reasons are only composed when something is wrong.
 *
 * Every finding blocks; ALLOW means there are none. All findings are reported at once, so the
 * practitioner sees everything that needs fixing, not the first problem only.
 */

export interface AgreementVersionSnapshot {
  agreementId: string;
  /** "DSA-0007" */
  reference: string;
  version: number;
  status: AgreementStatus;
  inForceVersion: number | null;
  /** YYYY-MM-DD */
  nextReviewDate: string | null;
  /** For a tier 2 agreement, its tier 1 parent's in-force facts; null for tier 1. */
  parent: (InForceInput & { reference: string }) | null;
  /** The effective content (inherited sections already filled in). */
  content: AgreementContent;
  /** For readable reasons; without a name, reasons say "the sender", "the recipient"... */
  organisationNames?: Record<string, string>;
}

export interface ProposedItem {
  category: ItemCategory;
  specialCategory: boolean;
  criminalOffence: boolean;
  /** Set when the sender received this item from another organisation (onward disclosure). */
  originOrganisationId?: string;
  /** The originator agreed to onward sharing. */
  originAgreed?: boolean;
}

export interface ProposedShare {
  senderOrganisationId: string;
  recipientOrganisationId: string;
  /** Null while it is not known yet (an emergency share before its full record): DSA-PURPOSE alone is not checked. */
  purpose: PurposeCode | null;
  items: ProposedItem[];
  article6: Article6 | null;
  article9: Article9or10[];
  /** YYYY-MM-DD */
  date: string;
}

export interface EvaluationFinding {
  code: DsaCode;
  reason: string;
}

export interface Evaluation {
  outcome: "ALLOW" | "BLOCK";
  findings: EvaluationFinding[];
}

// ---- Compiled form ----

/** How a flow lets its recipient pass information on: higher is more permissive, so the best flow wins with Math.max. */
const ONWARD_LEVEL: Record<OnwardDisclosure, 0 | 1 | 2> = { NOT_PERMITTED: 0, WITH_ORIGINATOR_CONSENT: 1, PERMITTED: 2 };

/** What the flows from one party to another allow, merged over every flow that applies to the pair. */
interface PairFacts {
  /** Bit set of the item kinds (see `itemBit`) those flows carry. */
  itemMask: number;
  /** The most permissive onward-disclosure term among them (ONWARD_LEVEL). */
  onward: 0 | 1 | 2;
}

/** Everything about one party, behind a single Map lookup: a share touches few cache lines. */
interface PartyFacts {
  /** Bit sets (see `bitsOf`) of the Article 6 and Article 9/10 codes its legal basis entry lists; 0 without one. */
  article6: number;
  article9: number;
  /** Recipient → what the flows from this party to it allow; only recipients with at least one flow. */
  sendsTo: ReadonlyMap<string, PairFacts>;
}

/** Whether an agreement (or its tier 1 parent) is in force: lifecycle.ts's rule, decided once per version except for the day. */
type Lapse = LifecycleLapse<EvaluationFinding>;

export interface CompiledAgreement {
  readonly snapshot: AgreementVersionSnapshot;
  /** "DSA-0007 version 3": every reason names the version a decision would cite. */
  readonly label: string;
  readonly own: Lapse;
  /** This snapshot is not the version in force (superseded, or a variation not yet signed). */
  readonly versionFinding: EvaluationFinding | null;
  readonly parent: Lapse | null;
  /** Party → its facts; an organisation that is not a party is absent. */
  readonly parties: ReadonlyMap<string, PartyFacts>;
  /** Bit set of the purposes listed (PURPOSE_BIT). */
  readonly purposes: number;
}

/** One bit per code, so a list of codes compiles to an integer and membership is one AND. */
function bitsOf<T extends string>(codes: readonly T[]): Record<T, number> {
  return Object.fromEntries(codes.map((code, i) => [code, 1 << i])) as Record<T, number>;
}
const maskOf = <T extends string>(bits: Record<T, number>, codes: readonly T[]) => codes.reduce((mask, code) => mask | bits[code], 0);
const PURPOSE_BIT = bitsOf(PURPOSE_CODES);
const ARTICLE_6_BIT = bitsOf(ARTICLE_6);
const ARTICLE_9_BIT = bitsOf(ARTICLE_9_10);

const CATEGORY_INDEX = Object.fromEntries(ITEM_CATEGORIES.map((c, i) => [c, i])) as Record<ItemCategory, number>;

/**
 * One bit per (category, special category?, criminal offence?): 7 categories × 4 = 28 bits, so a set
 * of item kinds is a plain integer and "is every proposed item covered" is a bit test per item.
 */
function itemBit(category: ItemCategory, specialCategory: boolean, criminalOffence: boolean): number {
  return 1 << (CATEGORY_INDEX[category] * 4 + (specialCategory ? 2 : 0) + (criminalOffence ? 1 : 0));
}

/** The item kinds an agreement data item covers: its category, at its sensitivity or any lesser one. */
function coverageMask(item: { category: ItemCategory; specialCategory: boolean; criminalOffence: boolean }): number {
  let mask = itemBit(item.category, false, false);
  if (item.specialCategory) mask |= itemBit(item.category, true, false);
  if (item.criminalOffence) mask |= itemBit(item.category, false, true);
  if (item.specialCategory && item.criminalOffence) mask |= itemBit(item.category, true, true);
  return mask;
}

/** The in-force rule's reasons (lifecycle.ts, so they match what the agreement pages say) as findings; `prefix` says whose. */
function compileLapse(facts: InForceInput, prefix: string): Lapse {
  const { always, after, lapsed } = lapseOf(facts);
  const finding = (why: string | null): EvaluationFinding | null =>
    why === null ? null : Object.freeze({ code: "DSA-NOT-IN-FORCE", reason: `${prefix}: ${why}` });
  return { always: finding(always), after, lapsed: finding(lapsed) };
}

function compileVersionFinding(snapshot: AgreementVersionSnapshot, label: string): EvaluationFinding | null {
  const { version, inForceVersion } = snapshot;
  // No version in force at all is already explained by notInForceReason ("not signed by every party yet").
  if (inForceVersion === null || inForceVersion === version) return null;
  const reason =
    version < inForceVersion
      ? `${label} has been superseded: version ${inForceVersion} is the one in force`
      : `${label} is a variation that has not been signed by every party yet, so version ${inForceVersion} is still the one in force`;
  return Object.freeze({ code: "DSA-NOT-IN-FORCE", reason });
}

/** Does a flow's from/to list include this party? An empty list means any party. */
const names = (list: readonly string[], party: string) => list.length === 0 || list.includes(party);

/** For each party: its legal basis as bit sets, and for each recipient what the flows to it allow. */
function compileParties(content: AgreementContent): Map<string, PartyFacts> {
  const itemMasks = new Map(content.dataItems.map((item) => [item.key, coverageMask(item)]));
  const allItems = content.dataItems.reduce((mask, item) => mask | coverageMask(item), 0);
  const flows = content.flows.map((flow) => ({
    flow,
    itemMask: flow.dataItemKeys.length === 0 ? allItems : flow.dataItemKeys.reduce((mask, key) => mask | (itemMasks.get(key) ?? 0), 0),
  }));
  const partyIds = content.parties.map((p) => p.organisationId);
  const parties = new Map<string, PartyFacts>();
  for (const from of partyIds) {
    const sendsTo = new Map<string, PairFacts>();
    for (const to of partyIds) {
      let facts: PairFacts | undefined;
      for (const { flow, itemMask } of flows) {
        if (!names(flow.fromOrganisationIds, from) || !names(flow.toOrganisationIds, to)) continue;
        facts ??= { itemMask: 0, onward: 0 };
        facts.itemMask |= itemMask;
        facts.onward = Math.max(facts.onward, ONWARD_LEVEL[flow.onwardDisclosure]) as 0 | 1 | 2;
      }
      if (facts) sendsTo.set(to, facts);
    }
    const basis = content.legalBasis.find((b) => b.organisationId === from);
    parties.set(from, {
      article6: basis ? maskOf(ARTICLE_6_BIT, basis.article6) : 0,
      article9: basis ? maskOf(ARTICLE_9_BIT, basis.article9) : 0,
      sendsTo,
    });
  }
  return parties;
}

/** Precomputes everything `evaluateShare` looks up. Call once per agreement version and keep the result. */
export function compileAgreement(snapshot: AgreementVersionSnapshot): CompiledAgreement {
  const { content } = snapshot;
  const label = `${snapshot.reference} version ${snapshot.version}`;
  return {
    snapshot,
    label,
    own: compileLapse(snapshot, `${label} is not in force`),
    versionFinding: compileVersionFinding(snapshot, label),
    parent: snapshot.parent && compileLapse(snapshot.parent, `${label} sits under ${snapshot.parent.reference}, which is not in force`),
    parties: compileParties(content),
    purposes: maskOf(
      PURPOSE_BIT,
      content.purposes.items.map((p) => p.code),
    ),
  };
}

/** What the agreement says about the recipient passing on what the sender shares with it; null when no flow joins them. */
export function onwardTermFor(agreement: CompiledAgreement, from: string, to: string): OnwardDisclosure | null {
  const pair = agreement.parties.get(from)?.sendsTo.get(to);
  if (!pair) return null;
  return (["NOT_PERMITTED", "WITH_ORIGINATOR_CONSENT", "PERMITTED"] as const)[pair.onward];
}

// ---- Evaluation ----

/** Shared and frozen: the common answer costs no allocation and cannot be altered by a caller. */
const ALLOW: Evaluation = Object.freeze({ outcome: "ALLOW", findings: Object.freeze([]) as unknown as EvaluationFinding[] });

export function evaluateShare(agreement: CompiledAgreement, share: ProposedShare): Evaluation {
  const findings: EvaluationFinding[] = [];
  checkInForce(agreement, share, findings);
  const sender = agreement.parties.get(share.senderOrganisationId);
  const pair = checkParties(agreement, share, sender, findings);
  checkPurpose(agreement, share, findings);
  // The item, basis and onward terms are the sender's terms as a party: for a sender who is not one,
  // the DSA-NOT-PARTY finding already says nothing may go, and "lists no basis" would only bury it.
  // Likewise items need a flow from sender to recipient; without one, that finding says so.
  if (pair) checkItems(agreement, share, pair, findings);
  if (sender) {
    checkBasis(agreement, share, sender, findings);
    checkOnward(agreement, share, findings);
  }
  return findings.length === 0 ? ALLOW : { outcome: "BLOCK", findings };
}

/** The review lapse depends on the day: ISO dates compare as strings, so no date is parsed per call. */
function checkInForce(a: CompiledAgreement, share: ProposedShare, findings: EvaluationFinding[]): void {
  const own = lapsedOn(a.own, share.date);
  if (own) findings.push(own);
  if (a.versionFinding) findings.push(a.versionFinding);
  const parent = a.parent && lapsedOn(a.parent, share.date);
  if (parent) findings.push(parent);
}

/** Both must be parties, with a flow from one to the other; returns what that flow allows, if there is one. */
function checkParties(
  a: CompiledAgreement,
  share: ProposedShare,
  sender: PartyFacts | undefined,
  findings: EvaluationFinding[],
): PairFacts | undefined {
  const recipientIsParty = a.parties.has(share.recipientOrganisationId);
  if (!sender) findings.push(notPartyFinding(a, share.senderOrganisationId, "the sender"));
  if (!recipientIsParty) findings.push(notPartyFinding(a, share.recipientOrganisationId, "the recipient"));
  if (!sender || !recipientIsParty) return undefined;
  const pair = sender.sendsTo.get(share.recipientOrganisationId);
  if (!pair) {
    findings.push({
      code: "DSA-NOT-PARTY",
      reason: `${a.label} has no flow of information from ${orgName(a, share.senderOrganisationId, "the sender")} to ${orgName(a, share.recipientOrganisationId, "the recipient")}`,
    });
  }
  return pair;
}

function notPartyFinding(a: CompiledAgreement, organisationId: string, fallback: string): EvaluationFinding {
  return { code: "DSA-NOT-PARTY", reason: sentence(`${orgName(a, organisationId, fallback)} is not a party to ${a.label}`) };
}

function checkPurpose(a: CompiledAgreement, share: ProposedShare, findings: EvaluationFinding[]): void {
  if (share.purpose === null || (a.purposes & PURPOSE_BIT[share.purpose]) !== 0) return;
  findings.push({ code: "DSA-PURPOSE", reason: `${a.label} does not cover sharing for the purpose "${PURPOSE_LABELS[share.purpose]}"` });
}

function checkItems(a: CompiledAgreement, share: ProposedShare, pair: PairFacts, findings: EvaluationFinding[]): void {
  // Collect uncovered kinds as bits first: one finding per distinct kind, however many items share it.
  let uncovered = 0;
  for (const item of share.items) {
    const bit = itemBit(item.category, item.specialCategory, item.criminalOffence);
    if ((pair.itemMask & bit) === 0) uncovered |= bit;
  }
  if (uncovered === 0) return;
  const sender = orgName(a, share.senderOrganisationId, "the sender");
  const recipient = orgName(a, share.recipientOrganisationId, "the recipient");
  for (let bitIndex = 0; uncovered !== 0; bitIndex++, uncovered >>>= 1) {
    if ((uncovered & 1) === 0) continue;
    const category = ITEM_CATEGORIES[bitIndex >> 2]!;
    const kind = `"${ITEM_CATEGORY_LABELS[category]}" information${sensitivity((bitIndex & 2) !== 0, (bitIndex & 1) !== 0)}`;
    findings.push({ code: "DSA-ITEM", reason: `${a.label} does not let ${sender} share ${kind} with ${recipient}` });
  }
}

function sensitivity(specialCategory: boolean, criminalOffence: boolean): string {
  if (specialCategory && criminalOffence) return " that is special category and criminal offence data";
  if (specialCategory) return " that is special category data";
  if (criminalOffence) return " that is criminal offence data";
  return "";
}

function checkBasis(a: CompiledAgreement, share: ProposedShare, sender: PartyFacts, findings: EvaluationFinding[]): void {
  // A party without a legal basis entry has listed nothing (its bit sets are 0).
  if (share.article6 !== null && (sender.article6 & ARTICLE_6_BIT[share.article6]) === 0) {
    findings.push(basisFinding(a, share, ARTICLE_6_LABELS[share.article6]));
  }
  for (const code of share.article9) {
    if ((sender.article9 & ARTICLE_9_BIT[code]) === 0) findings.push(basisFinding(a, share, ARTICLE_9_10_LABELS[code]));
  }
}

function basisFinding(a: CompiledAgreement, share: ProposedShare, basis: string): EvaluationFinding {
  return {
    code: "DSA-BASIS",
    reason: sentence(`${orgName(a, share.senderOrganisationId, "the sender")} does not list ${basis} as a basis in ${a.label}`),
  };
}

/**
 * Items the sender received from someone else: the flows from that originator to the sender decide
 * whether the sender may pass them on. One finding per originator, however many of its items.
 */
function checkOnward(a: CompiledAgreement, share: ProposedShare, findings: EvaluationFinding[]): void {
  const sender = share.senderOrganisationId;
  let reported: string[] | undefined; // allocated only once something is blocked
  for (const item of share.items) {
    const origin = item.originOrganisationId;
    if (origin === undefined || origin === sender || reported?.includes(origin)) continue;
    const reason = onwardProblem(a, sender, origin, item.originAgreed === true);
    if (reason === null) continue;
    reported ??= [];
    reported.push(origin);
    findings.push({ code: "DSA-ONWARD", reason });
  }
}

function onwardProblem(a: CompiledAgreement, sender: string, origin: string, originAgreed: boolean): string | null {
  const senderName = orgName(a, sender, "the sender");
  const originName = orgName(a, origin, "the originating organisation");
  const originFacts = a.parties.get(origin);
  if (!originFacts) {
    return sentence(
      `${senderName} received some of this information from ${originName}, which is not a party to ${a.label}, so it cannot permit passing it on`,
    );
  }
  const level = originFacts.sendsTo.get(sender)?.onward ?? 0;
  if (level === 2 || (level === 1 && originAgreed)) return null;
  const why = level === 1 ? `only with ${originName}'s agreement, which is not recorded` : "not at all";
  return sentence(
    `${senderName} received some of this information from ${originName} under ${a.label}, which permits onward disclosure ${why}`,
  );
}

function orgName(a: CompiledAgreement, organisationId: string, fallback: string): string {
  return a.snapshot.organisationNames?.[organisationId] ?? fallback;
}

/** Reasons may start with a fallback name such as "the sender". */
function sentence(text: string): string {
  return text.startsWith("the ") ? `T${text.slice(1)}` : text;
}
