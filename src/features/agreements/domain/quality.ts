import { ukDate } from "../../../platform/dates/calendar";
import { type AgreementContent, type DataItem, type Flow, SECTION_TITLES, SECTIONS, type Section } from "./content";
import { type Article9or10, CRIMINAL_OFFENCE_CONDITIONS, SPECIAL_CATEGORY_CONDITIONS } from "./lawful-basis";
import { latestReviewDate, MAX_REVIEW_INTERVAL_MONTHS } from "./lifecycle";
import { PURPOSE_LABELS } from "./purposes";

/**
 * Quality check: how an agreement measures up against the model (ICO data sharing code Annex A,
 * UK GDPR, DPA18, docs/domain.md §3 and §5). It scores any agreement, including one imported from an
 * existing Word document as structured fields, so it never assumes a draft made in Safeshare.
 *
 * Pure: no I/O. For a tier 2 agreement the caller passes the *effective* content (inherited
 * baseline sections filled in from the tier 1 parent), so no inheritance logic lives here.
 *
 * Each code has a fixed severity:
 *  - "missing": something the law or the model requires is absent (or plainly wrong);
 *  - "weak": present, but thin or risky, and worth a second look.
 *
 * Score (transparent on purpose, so an IG lead can reproduce it by hand):
 *  - each of the 14 sections weighs the same;
 *  - a section with no findings is "complete" and counts 1;
 *  - a section whose findings are all "weak" is "weak" and counts 0.5;
 *  - a section with any "missing" finding is "missing" and counts 0;
 *  - score = round(100 × total ÷ 14).
 */
export const QUALITY_RULES = {
  // Document control
  "Q-NO-REVIEW-DATE": "An agreement needs a next review date; review at least annually (ICO data sharing code Annex A; domain.md §5)",
  "Q-REVIEW-OVERDUE": "The review date has passed; more than 3 months past it the agreement is no longer in force (domain.md §5)",
  "Q-REVIEW-TOO-FAR": "The next review should be no more than 12 months away (domain.md §5: review at least annually)",
  "Q-NO-PARENT": "A tier 2 operational agreement sits under a tier 1 strategic agreement (domain.md §5, two-tier DSAs)",
  // Parties
  "Q-FEW-PARTIES": "A data sharing agreement is between two or more organisations (ICO data sharing code Annex A: who are the parties)",
  "Q-NO-SIGNATORY": "Each party names who signs for it (ICO data sharing code Annex A; domain.md §5)",
  "Q-NO-CONTACT": "Each party names a single point of contact for day-to-day questions (domain.md §5)",
  "Q-JOINT-NO-ART26": "Joint controllers must set out their respective responsibilities in an arrangement (UK GDPR Art 26)",
  // Purposes
  "Q-NO-PURPOSE": "The agreement must say why information is shared (UK GDPR Art 5(1)(b) purpose limitation; ICO Annex A)",
  "Q-PURPOSE-OTHER-UNDESCRIBED": "A purpose of 'other' must be described, or it limits nothing (UK GDPR Art 5(1)(b))",
  "Q-NO-BENEFITS": "Say what the sharing achieves for children and families (ICO data sharing code Annex A: benefits)",
  "Q-NO-HARM-OF-NOT-SHARING":
    "Record the harm of not sharing: the law is a framework for sharing (DfE Seven Golden Rules GR1; domain.md §5)",
  // Legal basis
  "Q-NO-LEGAL-BASIS": "Each party records its lawful basis for sharing (UK GDPR Art 6; ICO data sharing code Annex A)",
  "Q-NO-ART6": "Every share of personal data needs an Article 6 basis (UK GDPR Art 6; domain.md L-NO-ART6)",
  "Q-NO-ART9":
    "Special category data needs an Article 9 condition, and a DPA18 Sch 1 condition where 9(2)(b),(g),(h) (UK GDPR Art 9; DPA18 s10)",
  "Q-NO-ART10":
    "Criminal offence data needs an Article 10 / DPA18 Sch 1 Part 3 condition, or DPA18 Part 3 for police (UK GDPR Art 10; DPA18 s10, s35)",
  "Q-LI-PUBLIC-AUTHORITY":
    "Public authorities performing their tasks cannot rely on legitimate interests (UK GDPR Art 6(1) final paragraph)",
  "Q-CONSENT-BASIS":
    "Consent is usually not the right basis for safeguarding; it can be withdrawn and is rarely freely given (DfE GR3; ICO 10 steps)",
  "Q-S1P18-NO-REASON":
    "DPA18 Sch 1 para 18 applies only where consent cannot be given, cannot reasonably be obtained, or would prejudice protection (DPA18 Sch 1 para 18(2))",
  "Q-NO-APD": "Schedule 1 conditions need an Appropriate Policy Document held by the controller (DPA18 Sch 1 paras 1, 5, 39)",
  "Q-NO-COMMON-LAW":
    "Confidential information also needs a route through the common law duty of confidence (domain.md §3; ICO data sharing code)",
  "Q-NO-GATEWAY": "Name the statutory power or duty relied on to share (ICO data sharing code: lawful basis and powers; domain.md §3)",
  "Q-GATEWAY-OTHER-UNDESCRIBED": "A gateway of 'other' must say which power or duty it is (domain.md §3)",
  // Data subjects
  "Q-NO-DATA-SUBJECTS": "Say whose information is shared (ICO data sharing code Annex A; UK GDPR Art 30)",
  "Q-SUBJECT-OTHER-UNDESCRIBED": "Data subjects of 'other' kinds should be described (ICO data sharing code Annex A)",
  // Data items
  "Q-NO-DATA-ITEMS": "List the data items that may be shared, not whole files (UK GDPR Art 5(1)(c) data minimisation; DfE GR6)",
  // Flows
  "Q-NO-FLOWS": "Describe what flows between whom and how (ICO data sharing code Annex A: what happens to the data at each stage)",
  "Q-FLOW-ONWARD-PERMITTED":
    "Onward disclosure without the originator's agreement loses control of who holds the information (ICO data sharing code; DSA-ONWARD)",
  "Q-FLOW-STAGES-UNDESCRIBED":
    "Say how shared data is stored, who can access it and what it is used for (ICO data sharing code Annex A; UK GDPR Art 5(1)(f))",
  // Transparency
  "Q-NO-TRANSPARENCY": "People must be told about the sharing unless an exemption applies (UK GDPR Arts 13, 14; DfE GR2)",
  "Q-TRANSPARENCY-INCOMPLETE": "Cover both the privacy notices and how practitioners tell families directly (UK GDPR Arts 13, 14; DfE GR2)",
  // Rights
  "Q-NO-RIGHTS-HANDLING":
    "Say who handles which individual right and how requests reach the other parties (UK GDPR Arts 12-22; ICO Annex A)",
  "Q-NO-ART19-NOTIFICATION": "Every recipient must be told of a rectification, erasure or restriction (UK GDPR Art 19)",
  "Q-NO-COMPLAINTS": "Say how complaints are handled and that people can complain to the ICO (UK GDPR Art 77; DUAA 2025 complaints)",
  // Security
  "Q-NO-SECURITY": "Set out the security measures each party applies (UK GDPR Arts 5(1)(f), 32; ICO Annex A)",
  "Q-SECURITY-INCOMPLETE": "Cover access control and staff training as well as technical measures (UK GDPR Art 32(4); ICO Annex A)",
  "Q-DSP-TOOLKIT":
    "An NHS-connected party should meet the Data Security and Protection Toolkit standards (NHS DSP Toolkit; UK GDPR Art 32)",
  // Retention
  "Q-NO-RETENTION": "Say how long recipients keep shared data (UK GDPR Art 5(1)(e) storage limitation; ICO Annex A)",
  "Q-NO-DISPOSAL": "Say how shared data is destroyed at the end of its retention (UK GDPR Art 5(1)(e); ICO Annex A)",
  // Breach
  "Q-NO-BREACH-SLA": "Say within how many hours a party tells the originator of a breach (UK GDPR Arts 33, 34; domain.md §7)",
  "Q-BREACH-SLA-OVER-72H":
    "The controller must report to the ICO within 72 hours of awareness, so partners must tell it sooner (UK GDPR Art 33(1))",
  "Q-NO-ICO-REPORTING": "Say who decides on and makes the report to the ICO (UK GDPR Art 33; ICO Annex A)",
  // DPIA
  "Q-NO-DPIA": "Routine sharing of children's special category data needs a DPIA before it starts (UK GDPR Art 35; ICO 10 steps)",
  // Review
  "Q-REVIEW-INTERVAL": "Review the agreement at least once a year (domain.md §5)",
  "Q-NO-VARIATION": "Say how variations are agreed (ICO data sharing code Annex A: review and termination)",
  "Q-NO-TERMINATION":
    "Say how a party leaves or the agreement ends, and what happens to data already shared (ICO data sharing code Annex A)",
} as const;
export type QualityCode = keyof typeof QUALITY_RULES;
export type QualitySeverity = "missing" | "weak";

/** The fixed severity of each code. */
export const QUALITY_SEVERITIES: Record<QualityCode, QualitySeverity> = {
  "Q-NO-REVIEW-DATE": "missing",
  "Q-REVIEW-OVERDUE": "missing",
  "Q-REVIEW-TOO-FAR": "weak",
  "Q-NO-PARENT": "missing",
  "Q-FEW-PARTIES": "missing",
  "Q-NO-SIGNATORY": "missing",
  "Q-NO-CONTACT": "weak",
  "Q-JOINT-NO-ART26": "missing",
  "Q-NO-PURPOSE": "missing",
  "Q-PURPOSE-OTHER-UNDESCRIBED": "missing",
  "Q-NO-BENEFITS": "weak",
  "Q-NO-HARM-OF-NOT-SHARING": "weak",
  "Q-NO-LEGAL-BASIS": "missing",
  "Q-NO-ART6": "missing",
  "Q-NO-ART9": "missing",
  "Q-NO-ART10": "missing",
  "Q-LI-PUBLIC-AUTHORITY": "missing",
  "Q-CONSENT-BASIS": "weak",
  "Q-S1P18-NO-REASON": "missing",
  "Q-NO-APD": "weak",
  "Q-NO-COMMON-LAW": "missing",
  "Q-NO-GATEWAY": "weak",
  "Q-GATEWAY-OTHER-UNDESCRIBED": "weak",
  "Q-NO-DATA-SUBJECTS": "missing",
  "Q-SUBJECT-OTHER-UNDESCRIBED": "weak",
  "Q-NO-DATA-ITEMS": "missing",
  "Q-NO-FLOWS": "missing",
  "Q-FLOW-ONWARD-PERMITTED": "weak",
  "Q-FLOW-STAGES-UNDESCRIBED": "weak",
  "Q-NO-TRANSPARENCY": "missing",
  "Q-TRANSPARENCY-INCOMPLETE": "weak",
  "Q-NO-RIGHTS-HANDLING": "missing",
  "Q-NO-ART19-NOTIFICATION": "missing",
  "Q-NO-COMPLAINTS": "weak",
  "Q-NO-SECURITY": "missing",
  "Q-SECURITY-INCOMPLETE": "weak",
  "Q-DSP-TOOLKIT": "weak",
  "Q-NO-RETENTION": "missing",
  "Q-NO-DISPOSAL": "missing",
  "Q-NO-BREACH-SLA": "missing",
  "Q-BREACH-SLA-OVER-72H": "weak",
  "Q-NO-ICO-REPORTING": "weak",
  "Q-NO-DPIA": "weak",
  "Q-REVIEW-INTERVAL": "missing",
  "Q-NO-VARIATION": "weak",
  "Q-NO-TERMINATION": "weak",
};

export interface QualityFinding {
  code: QualityCode;
  severity: QualitySeverity;
  section: Section;
  /**
   * JSON pointer into the content, e.g. /dataItems/2. The next review date is kept on the agreement,
   * not in the content; its findings point at /documentControl/nextReviewDate.
   */
  path: string;
  /** One plain-English line naming the thing. */
  message: string;
}

export type SectionStatus = "complete" | "weak" | "missing";

export interface QualityReport {
  /** 0-100: see the formula at the top of this file. */
  score: number;
  findings: QualityFinding[];
  sections: { section: Section; title: string; status: SectionStatus; findings: number }[];
}

export interface QualityInput {
  content: AgreementContent;
  nextReviewDate: string | null;
  /** YYYY-MM-DD */
  today: string;
  /** Party organisations that are public authorities (they cannot rely on legitimate interests). */
  publicAuthorityIds?: ReadonlySet<string>;
  /** Organisation names by id, so messages can name a party; "party 2" otherwise. */
  organisationNames?: Readonly<Record<string, string>>;
}

/** Sch 1 conditions that need an Appropriate Policy Document (DPA18 Sch 1 para 1(1)(b), para 5, Part 3 para 39). */
const APD_CONDITIONS: readonly Article9or10[] = [
  "A9_2B_S1P1_SOCIAL_PROTECTION",
  "A9_2G_S1P6_STATUTORY",
  "A9_2G_S1P10_PREVENTING_CRIME",
  "A9_2G_S1P18_SAFEGUARDING",
  "A10_SCHEDULE1_CRIMINAL",
];

/** Hours within which the controller must report a notifiable breach to the ICO (UK GDPR Art 33(1)). */
const ICO_REPORTING_HOURS = 72;

export function checkQuality(input: QualityInput): QualityReport {
  const { content } = input;
  const findings: QualityFinding[] = [];
  const add = (code: QualityCode, section: Section, path: string, message: string) =>
    findings.push({ code, severity: QUALITY_SEVERITIES[code], section, path, message });

  const partyIds = content.parties.map((p) => p.organisationId);
  const partyName = (organisationId: string) => {
    const name = input.organisationNames?.[organisationId];
    if (name) return name;
    const index = partyIds.indexOf(organisationId);
    return index >= 0 ? `Party ${index + 1}` : "An organisation that is not a party";
  };
  const blank = (s: string) => s.trim() === "";

  // ---- Document control ----
  if (!input.nextReviewDate) {
    add("Q-NO-REVIEW-DATE", "documentControl", "/documentControl/nextReviewDate", "The agreement has no next review date");
  } else if (input.nextReviewDate < input.today) {
    add(
      "Q-REVIEW-OVERDUE",
      "documentControl",
      "/documentControl/nextReviewDate",
      `The review date (${ukDate(input.nextReviewDate)}) has passed`,
    );
  } else if (input.nextReviewDate > latestReviewDate(input.today)) {
    add(
      "Q-REVIEW-TOO-FAR",
      "documentControl",
      "/documentControl/nextReviewDate",
      `The next review (${input.nextReviewDate}) is more than ${MAX_REVIEW_INTERVAL_MONTHS} months away`,
    );
  }
  if (content.documentControl.tier === "OPERATIONAL" && !content.documentControl.parentAgreementId) {
    add(
      "Q-NO-PARENT",
      "documentControl",
      "/documentControl/parentAgreementId",
      "This tier 2 agreement does not name the tier 1 agreement it sits under",
    );
  }

  // ---- Parties ----
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

  // ---- Purposes ----
  if (content.purposes.items.length === 0) add("Q-NO-PURPOSE", "purposes", "/purposes/items", "No purpose for sharing is listed");
  content.purposes.items.forEach((purpose, i) => {
    if (purpose.code === "OTHER" && blank(purpose.description)) {
      add(
        "Q-PURPOSE-OTHER-UNDESCRIBED",
        "purposes",
        `/purposes/items/${i}/description`,
        `Purpose ${i + 1} is "${PURPOSE_LABELS.OTHER}" with no description`,
      );
    }
  });
  if (blank(content.purposes.benefits)) add("Q-NO-BENEFITS", "purposes", "/purposes/benefits", "The benefits of sharing are not described");
  if (blank(content.purposes.harmOfNotSharing)) {
    add("Q-NO-HARM-OF-NOT-SHARING", "purposes", "/purposes/harmOfNotSharing", "The harm of not sharing is not described");
  }

  // ---- Legal basis ----
  const items = content.dataItems;
  const specialSenders = sendersOf(content, (item) => item.specialCategory);
  const criminalSenders = sendersOf(content, (item) => item.criminalOffence);
  if (content.legalBasis.length === 0 && content.parties.length === 0) {
    add("Q-NO-LEGAL-BASIS", "legalBasis", "/legalBasis", "No legal basis is recorded for any party");
  }
  for (const organisationId of partyIds) {
    const i = content.legalBasis.findIndex((b) => b.organisationId === organisationId);
    const name = partyName(organisationId);
    if (i < 0) {
      add("Q-NO-LEGAL-BASIS", "legalBasis", "/legalBasis", `No legal basis is recorded for ${name}`);
      continue;
    }
    const basis = content.legalBasis[i]!;
    const at = `/legalBasis/${i}`;
    if (basis.article6.length === 0) add("Q-NO-ART6", "legalBasis", `${at}/article6`, `${name} has no Article 6 basis`);
    basis.article6.forEach((code, j) => {
      if (code === "A6_1F_LEGITIMATE_INTERESTS" && input.publicAuthorityIds?.has(organisationId)) {
        add(
          "Q-LI-PUBLIC-AUTHORITY",
          "legalBasis",
          `${at}/article6/${j}`,
          `${name} is a public authority but relies on legitimate interests`,
        );
      }
      if (code === "A6_1A_CONSENT")
        add(
          "Q-CONSENT-BASIS",
          "legalBasis",
          `${at}/article6/${j}`,
          `${name} relies on consent, which is usually not the right basis for safeguarding`,
        );
    });
    if (specialSenders.has(organisationId) && !basis.article9.some((c) => SPECIAL_CATEGORY_CONDITIONS.includes(c))) {
      add("Q-NO-ART9", "legalBasis", `${at}/article9`, `${name} shares special category data but has no Article 9 condition`);
    }
    if (criminalSenders.has(organisationId) && !basis.article9.some((c) => CRIMINAL_OFFENCE_CONDITIONS.includes(c))) {
      add(
        "Q-NO-ART10",
        "legalBasis",
        `${at}/article9`,
        `${name} shares criminal offence data but has no Article 10 or law enforcement condition`,
      );
    }
    if (basis.article9.includes("A9_2G_S1P18_SAFEGUARDING") && !basis.para18Reason) {
      add(
        "Q-S1P18-NO-REASON",
        "legalBasis",
        `${at}/para18Reason`,
        `${name} relies on Schedule 1 paragraph 18 without saying why consent is not relied on`,
      );
    }
    if (basis.article9.some((c) => APD_CONDITIONS.includes(c)) && blank(basis.apdReference)) {
      add(
        "Q-NO-APD",
        "legalBasis",
        `${at}/apdReference`,
        `${name} relies on a Schedule 1 condition but gives no Appropriate Policy Document reference`,
      );
    }
    if (basis.commonLaw.length === 0) {
      add("Q-NO-COMMON-LAW", "legalBasis", `${at}/commonLaw`, `${name} does not say how the common law duty of confidence is met`);
    }
    if (basis.gateways.length === 0) {
      add("Q-NO-GATEWAY", "legalBasis", `${at}/gateways`, `${name} names no statutory power or duty to share`);
    } else if (basis.gateways.includes("OTHER") && blank(basis.gatewayOther)) {
      add("Q-GATEWAY-OTHER-UNDESCRIBED", "legalBasis", `${at}/gatewayOther`, `${name} relies on an "other" gateway without naming it`);
    }
  }

  // ---- Data subjects ----
  if (content.dataSubjects.kinds.length === 0)
    add("Q-NO-DATA-SUBJECTS", "dataSubjects", "/dataSubjects/kinds", "No data subjects are listed");
  else if (content.dataSubjects.kinds.includes("OTHER") && blank(content.dataSubjects.notes)) {
    add("Q-SUBJECT-OTHER-UNDESCRIBED", "dataSubjects", "/dataSubjects/notes", 'Data subjects include "others" but they are not described');
  }

  // ---- Data items ----
  if (items.length === 0) add("Q-NO-DATA-ITEMS", "dataItems", "/dataItems", "No data items are listed");

  // ---- Flows ----
  if (content.flows.length === 0) add("Q-NO-FLOWS", "flows", "/flows", "No flows of information are described");
  content.flows.forEach((flow, i) => {
    if (flow.onwardDisclosure === "PERMITTED") {
      add(
        "Q-FLOW-ONWARD-PERMITTED",
        "flows",
        `/flows/${i}/onwardDisclosure`,
        `Flow "${flow.key}" lets recipients pass information on without the originator's agreement`,
      );
    }
    const undescribed = (["storage", "access", "use"] as const).filter((field) => blank(flow[field]));
    if (undescribed.length > 0) {
      add(
        "Q-FLOW-STAGES-UNDESCRIBED",
        "flows",
        `/flows/${i}`,
        `Flow "${flow.key}" does not describe ${listWords(undescribed.map(STAGE_WORDS))}`,
      );
    }
  });

  // ---- Transparency ----
  const noNotices = blank(content.transparency.privacyNotices);
  const notInformed = blank(content.transparency.howSubjectsAreInformed);
  if (noNotices && notInformed)
    add("Q-NO-TRANSPARENCY", "transparency", "/transparency", "The agreement does not say how people are told about the sharing");
  else if (noNotices)
    add(
      "Q-TRANSPARENCY-INCOMPLETE",
      "transparency",
      "/transparency/privacyNotices",
      "The privacy notices that cover this sharing are not named",
    );
  else if (notInformed) {
    add(
      "Q-TRANSPARENCY-INCOMPLETE",
      "transparency",
      "/transparency/howSubjectsAreInformed",
      "The agreement does not say how practitioners tell children and families",
    );
  }

  // ---- Rights ----
  if (blank(content.rights.handling))
    add("Q-NO-RIGHTS-HANDLING", "rights", "/rights/handling", "The agreement does not say how individuals' rights requests are handled");
  if (!content.rights.recipientNotification) {
    add(
      "Q-NO-ART19-NOTIFICATION",
      "rights",
      "/rights/recipientNotification",
      "Recipients are not told of corrections, erasures or restrictions (Article 19)",
    );
  }
  if (blank(content.rights.complaints))
    add("Q-NO-COMPLAINTS", "rights", "/rights/complaints", "The agreement does not say how complaints are handled");

  // ---- Security ----
  if (blank(content.security.measures)) add("Q-NO-SECURITY", "security", "/security/measures", "No security measures are described");
  else {
    const thin = (["accessControl", "training"] as const).filter((field) => blank(content.security[field]));
    if (thin.length > 0) {
      add(
        "Q-SECURITY-INCOMPLETE",
        "security",
        `/security/${thin[0]}`,
        `The security section does not cover ${listWords(thin.map((f) => (f === "accessControl" ? "access control" : "staff training")))}`,
      );
    }
  }
  if (content.security.dspToolkit === "NOT_MET" || content.security.dspToolkit === "APPROACHING_STANDARDS") {
    add("Q-DSP-TOOLKIT", "security", "/security/dspToolkit", "The Data Security and Protection Toolkit standards are not met");
  }

  // ---- Retention ----
  if (content.retention.defaultMonths === null && (content.flows.length === 0 || content.flows.some((f) => f.retentionMonths === null))) {
    add("Q-NO-RETENTION", "retention", "/retention/defaultMonths", "No retention period is set for shared information");
  }
  if (blank(content.retention.disposalMethod) && (content.flows.length === 0 || content.flows.some((f) => blank(f.disposalMethod)))) {
    add("Q-NO-DISPOSAL", "retention", "/retention/disposalMethod", "The agreement does not say how shared information is destroyed");
  }

  // ---- Breach ----
  const hours = content.breach.notifyOriginatorWithinHours;
  if (hours === null) {
    add(
      "Q-NO-BREACH-SLA",
      "breach",
      "/breach/notifyOriginatorWithinHours",
      "No deadline is set for telling the originating party of a breach",
    );
  } else if (hours > ICO_REPORTING_HOURS) {
    add(
      "Q-BREACH-SLA-OVER-72H",
      "breach",
      "/breach/notifyOriginatorWithinHours",
      `Breaches are reported to the originator within ${hours} hours, beyond the ${ICO_REPORTING_HOURS} hours the controller has to report to the ICO`,
    );
  }
  if (blank(content.breach.icoReporting))
    add("Q-NO-ICO-REPORTING", "breach", "/breach/icoReporting", "The agreement does not say who reports breaches to the ICO");

  // ---- DPIA ----
  const routine = content.flows.length === 0 || content.flows.some((f) => f.frequency !== "ONE_OFF");
  if (routine && blank(content.dpia.reference)) {
    add("Q-NO-DPIA", "dpia", "/dpia/reference", "No data protection impact assessment is referenced for this routine sharing");
  }

  // ---- Review ----
  if (content.review.intervalMonths > MAX_REVIEW_INTERVAL_MONTHS) {
    add(
      "Q-REVIEW-INTERVAL",
      "review",
      "/review/intervalMonths",
      `The review interval (${content.review.intervalMonths} months) is longer than a year`,
    );
  }
  if (blank(content.review.variation))
    add("Q-NO-VARIATION", "review", "/review/variation", "The agreement does not say how variations are agreed");
  if (blank(content.review.termination))
    add("Q-NO-TERMINATION", "review", "/review/termination", "The agreement does not say how a party leaves or the agreement ends");

  return report(findings);
}

const STAGE_WORDS = (field: "storage" | "access" | "use") =>
  field === "storage" ? "where it is stored" : field === "access" ? "who can access it" : "what it is used for";

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/**
 * Parties that send items matching the predicate under some flow. A flow with no senders listed can
 * come from any party, and one with no items listed carries every item. With no flows described yet,
 * every party may send anything.
 */
function sendersOf(content: AgreementContent, matches: (item: DataItem) => boolean): Set<string> {
  const allParties = content.parties.map((p) => p.organisationId);
  const matching = new Set(content.dataItems.filter(matches).map((i) => i.key));
  if (matching.size === 0) return new Set();
  if (content.flows.length === 0) return new Set(allParties);
  const senders = new Set<string>();
  const carries = (flow: Flow) => (flow.dataItemKeys.length === 0 ? true : flow.dataItemKeys.some((k) => matching.has(k)));
  for (const flow of content.flows) {
    if (!carries(flow)) continue;
    for (const id of flow.fromOrganisationIds.length ? flow.fromOrganisationIds : allParties) senders.add(id);
  }
  return senders;
}

const STATUS_WEIGHT: Record<SectionStatus, number> = { complete: 1, weak: 0.5, missing: 0 };

function report(findings: QualityFinding[]): QualityReport {
  const order = new Map(SECTIONS.map((s, i) => [s, i]));
  const sorted = [...findings].sort((a, b) => order.get(a.section)! - order.get(b.section)!);
  const sections = SECTIONS.map((section) => {
    const own = sorted.filter((f) => f.section === section);
    const status: SectionStatus = own.length === 0 ? "complete" : own.some((f) => f.severity === "missing") ? "missing" : "weak";
    return { section, title: SECTION_TITLES[section], status, findings: own.length };
  });
  const total = sections.reduce((sum, s) => sum + STATUS_WEIGHT[s.status], 0);
  return { score: Math.round((100 * total) / SECTIONS.length), findings: sorted, sections };
}
