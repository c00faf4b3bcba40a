import type { Catalogue, Locale } from "../../../platform/messages";
import type { RowChange } from "./compare";
import type { ControllerRelationship, DspToolkitStatus, Frequency, OnwardDisclosure, Tier, TransferMethod } from "./content";
import type { SignatureSummary } from "./document";
import type { Article6, Article9or10, CommonLawRoute, Gateway, Para18Reason } from "./lawful-basis";
import type {
  AgreementAction,
  AgreementStanding,
  AgreementStatus,
  ReviewOutcome,
  ReviewState,
  VersionKind,
  VersionState,
} from "./lifecycle";
import type { PurposeCode } from "./purposes";

/** Agreements: their content, lifecycle and the lawful bases and purposes they cite: the words for people, keyed by stable codes (see `messages.ts`). */
/** An agreement's status, which its standing extends. */
const agreementStatus = {
  DRAFT: "Draft",
  AWAITING_SIGNATURES: "Awaiting signatures",
  ACTIVE: "Active",
  UNDER_REVIEW: "Under review",
  SUSPENDED: "Suspended",
  EXPIRED: "Expired",
  TERMINATED: "Terminated",
} satisfies Record<AgreementStatus, string>;

const en = {
  purpose: {
    EARLY_HELP: "Early help",
    CHILD_IN_NEED_S17: "Child in need (Children Act 1989 s17)",
    CHILD_PROTECTION_S47: "Child protection enquiries (Children Act 1989 s47)",
    MASH_CHECK: "Multi-agency safeguarding hub (MASH) checks",
    SCHOOL_TRANSFER: "Transfer of a child protection file between schools",
    CRIME_PREVENTION: "Preventing or detecting crime",
    HEALTH_CARE: "Health care",
    OTHER: "Other (described)",
  } satisfies Record<PurposeCode, string>,
  article6: {
    A6_1A_CONSENT: "Article 6(1)(a) consent",
    A6_1C_LEGAL_OBLIGATION: "Article 6(1)(c) legal obligation",
    A6_1D_VITAL_INTERESTS: "Article 6(1)(d) vital interests",
    A6_1E_PUBLIC_TASK: "Article 6(1)(e) public task",
    A6_1F_LEGITIMATE_INTERESTS: "Article 6(1)(f) legitimate interests (not for public authorities performing their tasks)",
    A6_1EA_RECOGNISED_LI_SAFEGUARDING: "Article 6(1)(ea) recognised legitimate interest: safeguarding (DUAA 2025)",
  } satisfies Record<Article6, string>,
  article9or10: {
    A9_2A_EXPLICIT_CONSENT: "Article 9(2)(a) explicit consent",
    A9_2B_S1P1_SOCIAL_PROTECTION: "Article 9(2)(b), Sch 1 para 1: employment, social security and social protection",
    A9_2C_VITAL_INTERESTS_INCAPABLE: "Article 9(2)(c) vital interests, person incapable of consenting",
    A9_2G_S1P6_STATUTORY: "Article 9(2)(g), Sch 1 para 6: statutory and government purposes",
    A9_2G_S1P10_PREVENTING_CRIME: "Article 9(2)(g), Sch 1 para 10: preventing or detecting unlawful acts",
    A9_2G_S1P18_SAFEGUARDING: "Article 9(2)(g), Sch 1 para 18: safeguarding of children and individuals at risk",
    A9_2H_S1P2_HEALTH_SOCIAL_CARE: "Article 9(2)(h), Sch 1 para 2: health or social care",
    A10_SCHEDULE1_CRIMINAL: "Article 10 with a DPA18 Schedule 1 condition: criminal offence data",
    LE_S35_SCH8P4_SAFEGUARDING: "DPA18 s35 and Sch 8 para 4: law enforcement, safeguarding (police)",
  } satisfies Record<Article9or10, string>,
  para18Reason: {
    CONSENT_CANNOT_BE_GIVEN: "Consent cannot be given by the person",
    CANNOT_REASONABLY_OBTAIN: "The controller cannot reasonably be expected to obtain consent",
    OBTAINING_WOULD_PREJUDICE: "Obtaining consent would prejudice the protection of the child",
  } satisfies Record<Para18Reason, string>,
  commonLawRoute: {
    CL_NOT_CONFIDENTIAL: "The information is not confidential",
    CL_CONSENT: "The person consented",
    CL_LEGAL_REQUIREMENT: "A statute or court order requires it",
    CL_PUBLIC_INTEREST: "Sharing is in the public interest (e.g. to protect a child)",
  } satisfies Record<CommonLawRoute, string>,
  gateway: {
    CA1989_S17: "Children Act 1989 s17: children in need",
    CA1989_S27: "Children Act 1989 s27: co-operation between authorities",
    CA1989_S47: "Children Act 1989 s47: child protection enquiries",
    CA2004_S10: "Children Act 2004 s10: co-operation to improve well-being",
    CA2004_S11: "Children Act 2004 s11: duty to safeguard and promote welfare",
    CDA1998_S115: "Crime and Disorder Act 1998 s115 (a power, not a duty)",
    EA2002_S175: "Education Act 2002 s175: safeguarding in schools",
    PCSCA2022_SERIOUS_VIOLENCE_DUTY: "Police, Crime, Sentencing and Courts Act 2022: serious violence duty",
    COURT_ORDER: "Court order",
    OTHER: "Other (described)",
  } satisfies Record<Gateway, string>,
  tier: {
    STRATEGIC: "Tier 1: strategic (partnership-wide baseline)",
    OPERATIONAL: "Tier 2: operational (a specific sharing arrangement)",
  } satisfies Record<Tier, string>,
  controllerRelationship: {
    SEPARATE: "Separate controller",
    JOINT: "Joint controller (Article 26 arrangement)",
    PROCESSOR: "Processor acting for another party",
  } satisfies Record<ControllerRelationship, string>,
  transferMethod: {
    SAFESHARE: "Safeshare disclosure",
    SECURE_EMAIL: "Secure email (e.g. NHSmail, Egress)",
    SECURE_FILE_TRANSFER: "Secure file transfer",
    SHARED_SYSTEM: "Shared case management system",
    MEETING: "Multi-agency meeting, minuted",
    PHONE: "Telephone, followed by a written record",
    OTHER: "Other (described)",
  } satisfies Record<TransferMethod, string>,
  onwardDisclosure: {
    NOT_PERMITTED: "Not permitted: the recipient may not pass it on",
    WITH_ORIGINATOR_CONSENT: "Only with the originating party's agreement",
    PERMITTED: "Permitted for the purposes of this agreement",
  } satisfies Record<OnwardDisclosure, string>,
  frequency: {
    ONE_OFF: "One-off",
    AS_NEEDED: "As needed, case by case",
    DAILY: "Daily",
    WEEKLY: "Weekly",
    MONTHLY: "Monthly",
    TERMLY: "Each school term",
    ANNUALLY: "Annually",
  } satisfies Record<Frequency, string>,
  dspToolkit: {
    STANDARDS_MET: "Standards met",
    STANDARDS_EXCEEDED: "Standards exceeded",
    APPROACHING_STANDARDS: "Approaching standards",
    NOT_MET: "Standards not met",
    NOT_APPLICABLE: "Not applicable (not an NHS-connected organisation)",
    UNKNOWN: "Not known",
  } satisfies Record<DspToolkitStatus, string>,
  agreementStatus,
  agreementAction: {
    send_for_signature: "Send for signature",
    return_to_draft: "Return to draft",
    start_review: "Start a review",
    suspend: "Suspend",
    reinstate: "Reinstate",
    expire: "Mark as expired",
    terminate: "Terminate",
  } satisfies Record<AgreementAction, string>,
  reviewState: {
    NOT_DUE: "Review not due",
    DUE_SOON: "Review due within 3 months",
    OVERDUE: "Review overdue",
    LAPSED: "Review more than 3 months overdue",
    NOT_SET: "No review date",
  } satisfies Record<ReviewState, string>,
  agreementStanding: {
    ...agreementStatus,
    LAPSED: "Review overdue: not in force",
    PARENT_NOT_IN_FORCE: "Tier 1 agreement not in force",
  } satisfies Record<AgreementStanding, string>,
  rowChange: {
    UNCHANGED: "No change",
    CHANGED: "Changed",
    ADDED: "Added",
    REMOVED: "Removed",
  } satisfies Record<RowChange, string>,
  versionState: {
    DRAFT: "Draft",
    AWAITING_SIGNATURES: "Awaiting signatures",
    SIGNED: "Signed",
    DISCARDED: "Discarded",
  } satisfies Record<VersionState, string>,
  /** Capitalised, as a table cell; the document lowercases it mid-sentence ("3 (variation): signed"). */
  versionKind: {
    ORIGINAL: "Original",
    VARIATION: "Variation",
    ACCESSION: "Accession of a new party",
  } satisfies Record<VersionKind, string>,
  signatureKind: {
    SIGNATURE: "Signed",
    ACCESSION: "Signed on joining (accession)",
  } satisfies Record<SignatureSummary["kind"], string>,
  reviewOutcome: {
    NO_CHANGE: "No change needed: the terms stay as they are",
    VARIATION_NEEDED: "The terms need to change: a variation will follow",
  } satisfies Record<ReviewOutcome, string>,
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  agreementsAuditEvent: {
    "agreement.created": "{actor} drafted {about}",
    "agreement.version_edited": "{actor} edited a draft version of {about}",
    "agreement.version_created": "{actor} started a new version of {about}",
    "agreement.version_discarded": "{actor} discarded a draft version of {about}",
    "agreement.version_sent_for_signature": "{actor} sent {about} for signature",
    "agreement.signed": "{actor} signed {about}",
    "agreement.version_in_force": "{about} came into force after {actor} signed it",
    "agreement.status_changed": "{actor} changed the status of {about}",
    "agreement.reviewed": "{actor} recorded a review of {about}",
  },
  /** What to do about a quality finding, after its sentence: by whoever may edit the version, or not. */
  qualityNextStep: {
    edit: "Put it right under ‘{section}’",
    ask: "Ask an IG lead of a party to put it right under ‘{section}’",
  },
  /** The home page's "Your work": what agreements ask of the signed-in person (services/load-work.ts). */
  agreementsWork: {
    toSign: "Sign version {version} of {reference}: {title}",
    toReview: "Review {reference}: {title}",
    lapsed: "Its review is more than 3 months overdue, so it is not in force: information cannot be shared under it until it is reviewed.",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const AGREEMENTS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
