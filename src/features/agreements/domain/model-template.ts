import type { AgreementContent, Party, Section, Tier } from "./content";
import { blankBaseline } from "./inheritance";

/**
 * "New agreement from the model template": sensible safeguarding defaults the author edits, and
 * guidance beside each section, in our own words from docs/domain.md §2–§5, the ICO data sharing code
 * (Annex A checklist) and the DfE Seven Golden Rules. The defaults lean towards sharing lawfully
 * rather than not sharing, because the law is a framework for sharing, not a barrier.
 */
export const SECTION_GUIDANCE: Record<Section, string> = {
  documentControl:
    "Name the agreement so partners recognise it. A tier 1 strategic agreement sets the partnership-wide baseline (legal basis, security, rights, breach handling); a tier 2 operational agreement covers one arrangement, such as the MASH or school-to-social-care referrals, and sits under a tier 1 agreement, inheriting any baseline section it leaves blank.",
  parties:
    "List every organisation that shares or receives under this agreement. Each is normally a separate controller. If two parties decide together why and how data is used they are joint controllers and need an Article 26 arrangement; a processor only acts on a party's instructions. Name the person who will sign for each party in Safeshare and a contact for day-to-day questions.",
  purposes:
    "Say exactly why information is shared: purposes limit what the agreement allows, and a share for an unlisted purpose is blocked. Describe the benefits for children and families, and the harm of not sharing: serious case reviews repeatedly find that children were hurt because agencies did not share what they knew.",
  legalBasis:
    "For each party, record the power or duty it relies on (statutory gateway), its Article 6 basis and, for special category or criminal offence data, an Article 9 or 10 condition. Public authorities performing their tasks cannot rely on legitimate interests. Consent is usually not the right basis for safeguarding; where Schedule 1 paragraph 18 is used, record why consent is not relied on and the Appropriate Policy Document. Say how the common law duty of confidence is met.",
  dataSubjects:
    "Whose information is shared: the child, unborn children, parents and carers, siblings, other household members, alleged perpetrators.",
  dataItems:
    "List the items that may be shared, not whole files: share only what each recipient needs. Mark each as personal, special category (such as health) or criminal offence data, and as fact, professional opinion or both, so fact is kept apart from opinion. Flag items that may reveal someone whose identity must be protected, such as a refuge address or a neighbour who reported a concern, so it is kept back unless there is a recorded reason.",
  flows:
    "Describe what happens to the information at each stage: where it comes from, how a request is made, how it is sent, where it is stored, who can see it, what it is used for, whether the recipient may pass it on, how long it is kept and how it is destroyed, and how often it flows.",
  transparency:
    "Explain how people are told about this sharing: the privacy notices that mention it, and when practitioners tell the child or family directly. Telling them is expected where it is safe, but not where it could place a child at risk.",
  rights:
    "Say who handles which individual right, how a request received by one party reaches the others, and that every recipient is told of a correction, erasure or restriction (Article 19). Explain how complaints are handled and that people can complain to the ICO.",
  security:
    "Describe the security measures each party commits to: access control on a need-to-know basis, training, encryption in transit and at rest, and NHS Data Security and Protection Toolkit status where it applies.",
  retention:
    "How long recipients keep what they receive and how they destroy it. Keep it no longer than the purpose needs; give a period in months that flows inherit unless they set their own.",
  breach:
    "A party that suffers a breach involving shared data tells the originating party within the agreed number of hours, so that the controller can decide whether to report to the ICO within 72 hours of becoming aware (Article 33).",
  dpia: "Routine, large-scale sharing of children's special category data needs a data protection impact assessment before it starts. Give its reference and date.",
  review:
    "Review the agreement at least once a year. The owner is warned three months before the review date; an agreement more than three months past review is no longer in force and shares under it are blocked. Explain how variations are agreed and how a party may leave or the agreement end.",
};

export interface TemplateOptions {
  title: string;
  tier: Tier;
  parentAgreementId?: string | null;
  /** The owning organisation first, then the other parties. */
  partyOrganisationIds: string[];
}

/** Tier 2 agreements start with the baseline sections blank, so they inherit them from their tier 1 parent. */
export function modelTemplate(options: TemplateOptions): AgreementContent {
  const content = fullTemplate(options);
  return options.tier === "OPERATIONAL" ? blankBaseline(content) : content;
}

function fullTemplate(options: TemplateOptions): AgreementContent {
  const parties: Party[] = options.partyOrganisationIds.map((organisationId) => ({
    organisationId,
    controllerRelationship: "SEPARATE",
    art26Arrangement: "",
    signatoryUserId: null,
    signatoryJobTitle: "",
    contactName: "",
    contactEmail: "",
  }));
  return {
    documentControl: {
      title: options.title,
      tier: options.tier,
      parentAgreementId: options.parentAgreementId ?? null,
      summary: "",
    },
    parties,
    purposes: {
      items: [
        {
          code: "CHILD_PROTECTION_S47",
          description: "Enquiries where there is reasonable cause to suspect a child is suffering, or likely to suffer, significant harm.",
        },
        { code: "CHILD_IN_NEED_S17", description: "Assessing and meeting the needs of children in need and their families." },
        { code: "EARLY_HELP", description: "Offering coordinated early help before needs escalate." },
      ],
      benefits: "Practitioners see the whole picture of a child's circumstances in time to act, and families tell their story once.",
      harmOfNotSharing:
        "Reviews of serious child safeguarding incidents repeatedly find that agencies held pieces of information that, put together, would have shown a child was at risk.",
    },
    legalBasis: options.partyOrganisationIds.map((organisationId) => ({
      organisationId,
      gateways: ["CA2004_S11"],
      gatewayOther: "",
      article6: ["A6_1E_PUBLIC_TASK"],
      article9: ["A9_2G_S1P18_SAFEGUARDING"],
      para18Reason: "OBTAINING_WOULD_PREJUDICE",
      apdReference: "",
      commonLaw: ["CL_PUBLIC_INTEREST"],
      notes: "",
    })),
    dataSubjects: { kinds: ["CHILD", "UNBORN_CHILD", "PARENT_CARER", "SIBLING", "HOUSEHOLD_MEMBER"], notes: "" },
    dataItems: [
      {
        key: "identity",
        name: "Name, date of birth and address",
        category: "other",
        specialCategory: false,
        criminalOffence: false,
        kind: "FACT",
        mayIncludeProtectedIdentity: true,
      },
      {
        key: "family",
        name: "Household members and family circumstances",
        category: "family_circumstances",
        specialCategory: false,
        criminalOffence: false,
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: true,
      },
      {
        key: "education",
        name: "Attendance, behaviour and welfare concerns at school",
        category: "education",
        specialCategory: false,
        criminalOffence: false,
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: false,
      },
      {
        key: "health",
        name: "Relevant physical and mental health information",
        category: "health",
        specialCategory: true,
        criminalOffence: false,
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: false,
      },
      {
        key: "social-care",
        name: "Social care involvement and plans",
        category: "social_care",
        specialCategory: false,
        criminalOffence: false,
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: false,
      },
    ],
    flows: [
      {
        key: "case-by-case",
        description: "Case-by-case disclosures between parties when a practitioner decides a share is necessary to safeguard a child.",
        fromOrganisationIds: [],
        toOrganisationIds: [],
        dataItemKeys: [],
        source: "The sending party's own records about the child and family.",
        transferMethod: "SAFESHARE",
        storage: "Held in Safeshare and, where filed, on the recipient's case record.",
        access: "Practitioners with a safeguarding role in the recipient organisation, on a need-to-know basis.",
        use: "Only for the purposes of this agreement.",
        onwardDisclosure: "WITH_ORIGINATOR_CONSENT",
        retentionMonths: null,
        disposalMethod: "",
        frequency: "AS_NEEDED",
      },
    ],
    transparency: {
      privacyNotices: "Each party's privacy notice says that it shares information with partners to safeguard children.",
      howSubjectsAreInformed:
        "Practitioners tell the child and family what will be shared, with whom and why, unless doing so would place a child at risk or prejudice an investigation.",
    },
    rights: {
      handling:
        "Each party answers requests about the information it holds and tells the other parties of any request that concerns shared information within 5 working days.",
      recipientNotification: true,
      complaints:
        "Complaints go first to the party that holds the information; people may also complain to the Information Commissioner's Office.",
    },
    security: {
      measures: "Information is shared only through Safeshare or another secure channel, encrypted in transit and at rest.",
      dspToolkit: "UNKNOWN",
      accessControl: "Role-based access on a need-to-know basis; every access is logged.",
      training: "Staff with access complete annual data protection and safeguarding training.",
    },
    retention: {
      defaultMonths: 72,
      disposalMethod: "Secure deletion from systems and cross-cut shredding of paper, recorded in a disposal log.",
    },
    breach: {
      notifyOriginatorWithinHours: 24,
      icoReporting: "The controller whose data is involved decides whether to report to the ICO within 72 hours of awareness.",
    },
    dpia: { reference: "", completedOn: null },
    review: {
      intervalMonths: 12,
      variation: "Variations are agreed in writing by every party and take effect when signed in Safeshare.",
      termination: "A party may leave on written notice; information already shared stays subject to this agreement's terms.",
      terminationNoticeDays: 90,
    },
  };
}
