import type { AgreementPatch } from "../features/agreements/domain";

/**
 * The demo register's agreements, written out in full so the register reads like a real one: a tier 1
 * partnership agreement and two tier 2 operational agreements under it (the MASH, and school-to-social-care
 * referrals). Each tailors the model template; seed-demo-agreements.ts drafts, signs and brings them into force.
 */

export const COUNCIL = "Westshire County Council Children's Services";
export const SCHOOL = "Northbrook Primary School";
export const POLICE = "Westshire Police";
export const HEALTH = "Eastmoor NHS Foundation Trust";

/** One demo agreement: its parties by organisation name (the first owns it), and its terms given their ids. */
export interface DemoAgreement {
  title: string;
  tier: "STRATEGIC" | "OPERATIONAL";
  parties: string[];
  patch: (ids: Record<string, string>) => AgreementPatch;
}

export const PARTNERSHIP_AGREEMENT: DemoAgreement = {
  title: "Westshire Safeguarding Partnership information sharing agreement",
  tier: "STRATEGIC",
  parties: [COUNCIL, POLICE, HEALTH, SCHOOL],
  patch: (ids) => ({
    legalBasis: [
      {
        organisationId: ids[COUNCIL]!,
        gateways: ["CA1989_S17", "CA1989_S47", "CA2004_S10", "CA2004_S11"],
        article6: ["A6_1E_PUBLIC_TASK", "A6_1C_LEGAL_OBLIGATION"],
        article9: ["A9_2G_S1P18_SAFEGUARDING", "A9_2B_S1P1_SOCIAL_PROTECTION"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WCC-APD-2025",
        commonLaw: ["CL_PUBLIC_INTEREST", "CL_LEGAL_REQUIREMENT"],
      },
      {
        organisationId: ids[POLICE]!,
        gateways: ["CA2004_S11", "CDA1998_S115"],
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["LE_S35_SCH8P4_SAFEGUARDING", "A10_SCHEDULE1_CRIMINAL", "A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WP-APD-07",
        commonLaw: ["CL_PUBLIC_INTEREST"],
      },
      {
        organisationId: ids[HEALTH]!,
        gateways: ["CA2004_S11"],
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["A9_2H_S1P2_HEALTH_SOCIAL_CARE", "A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "CANNOT_REASONABLY_OBTAIN",
        apdReference: "EMT-APD-3",
        commonLaw: ["CL_PUBLIC_INTEREST"],
      },
      {
        organisationId: ids[SCHOOL]!,
        gateways: ["EA2002_S175", "CA2004_S11"],
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WSS-APD-1",
        commonLaw: ["CL_PUBLIC_INTEREST"],
      },
    ],
    security: {
      measures: "Sharing through Safeshare only; encrypted in transit (TLS 1.2+) and at rest.",
      dspToolkit: "STANDARDS_MET",
      accessControl: "Role-based, need to know; every view audited.",
      training: "Annual data protection and safeguarding training.",
    },
  }),
};

/** Tier 2, under the partnership agreement. */
export const MASH_AGREEMENT: DemoAgreement = {
  title: "Westshire MASH operational agreement",
  tier: "OPERATIONAL",
  parties: [COUNCIL, POLICE, HEALTH],
  patch: (ids) => ({
    legalBasis: [
      {
        organisationId: ids[COUNCIL]!,
        gateways: ["CA1989_S47", "CA2004_S11"],
        article6: ["A6_1E_PUBLIC_TASK", "A6_1C_LEGAL_OBLIGATION"],
        article9: ["A9_2G_S1P18_SAFEGUARDING", "A10_SCHEDULE1_CRIMINAL"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WCC-APD-2025",
        commonLaw: ["CL_PUBLIC_INTEREST"],
      },
      {
        organisationId: ids[POLICE]!,
        gateways: ["CA2004_S11", "CDA1998_S115"],
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["LE_S35_SCH8P4_SAFEGUARDING", "A10_SCHEDULE1_CRIMINAL", "A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WP-APD-07",
        commonLaw: ["CL_PUBLIC_INTEREST"],
      },
      {
        organisationId: ids[HEALTH]!,
        gateways: ["CA2004_S11"],
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["A9_2H_S1P2_HEALTH_SOCIAL_CARE", "A9_2G_S1P18_SAFEGUARDING", "A10_SCHEDULE1_CRIMINAL"],
        para18Reason: "CANNOT_REASONABLY_OBTAIN",
        apdReference: "EMT-APD-3",
        commonLaw: ["CL_PUBLIC_INTEREST"],
      },
    ],
    purposes: {
      items: [
        {
          code: "MASH_CHECK",
          description: "Checks by MASH partners on a contact about a child's welfare, to decide the right response.",
        },
        { code: "CHILD_PROTECTION_S47", description: "Information for strategy discussions and s47 enquiries." },
      ],
      benefits: "Decisions on contacts within one working day, informed by every agency's records.",
      harmOfNotSharing:
        "Risk is judged on part of the picture; a child may be left at risk or a family drawn into child protection unnecessarily.",
    },
    dataItems: [
      { key: "identity", name: "Name, date of birth and address", category: "other", kind: "FACT", mayIncludeProtectedIdentity: true },
      {
        key: "police-incidents",
        name: "Police incidents, including domestic abuse, involving the household",
        category: "police",
        criminalOffence: true,
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: true,
      },
      {
        key: "health-risk",
        name: "Health information relevant to risk (maternity, mental health, substance use)",
        category: "health",
        specialCategory: true,
        kind: "FACT_AND_OPINION",
      },
      { key: "social-care-history", name: "Previous social care involvement", category: "social_care", kind: "FACT_AND_OPINION" },
      {
        key: "family",
        name: "Household composition and family circumstances",
        category: "family_circumstances",
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: true,
      },
    ],
    flows: [
      {
        key: "partner-checks",
        description: "Police and health return MASH checks to the council's MASH team.",
        fromOrganisationIds: [ids[POLICE]!, ids[HEALTH]!],
        toOrganisationIds: [ids[COUNCIL]!],
        source: "Partner case records",
        transferMethod: "SAFESHARE",
        storage: "MASH case record",
        access: "MASH social workers and managers",
        use: "Deciding the response to a contact",
        onwardDisclosure: "WITH_ORIGINATOR_CONSENT",
        retentionMonths: 72,
        disposalMethod: "Secure deletion",
        frequency: "DAILY",
      },
      {
        key: "outcome",
        description: "The council tells partners the outcome of a MASH contact.",
        fromOrganisationIds: [ids[COUNCIL]!],
        toOrganisationIds: [ids[POLICE]!, ids[HEALTH]!],
        dataItemKeys: ["identity", "social-care-history"],
        source: "MASH decision record",
        transferMethod: "SAFESHARE",
        storage: "Partner case record",
        access: "Safeguarding leads",
        use: "Keeping partners' records accurate",
        onwardDisclosure: "NOT_PERMITTED",
        retentionMonths: 72,
        disposalMethod: "Secure deletion",
        frequency: "AS_NEEDED",
      },
    ],
  }),
};

/** Tier 2, under the partnership agreement; left more than three months past its review date. */
export const SCHOOL_AGREEMENT: DemoAgreement = {
  title: "Northbrook Primary School to children's social care: referrals and feedback",
  tier: "OPERATIONAL",
  parties: [COUNCIL, SCHOOL],
  patch: (ids) => ({
    purposes: {
      items: [
        { code: "CHILD_IN_NEED_S17", description: "Referrals of children who may be in need." },
        {
          code: "CHILD_PROTECTION_S47",
          description: "Referrals where a child may be suffering significant harm, and contributions to enquiries.",
        },
        { code: "EARLY_HELP", description: "Requests for early help and shared early help plans." },
      ],
      benefits: "The school's daily knowledge of a child reaches social care quickly; the school hears what happened.",
      harmOfNotSharing: "Concerns seen at school are not acted on, or the school cannot support a child it does not know is on a plan.",
    },
    dataItems: [
      {
        key: "identity",
        name: "Name, date of birth, address and UPN",
        category: "other",
        kind: "FACT",
        mayIncludeProtectedIdentity: true,
      },
      {
        key: "education",
        name: "Attendance, attainment, behaviour and welfare concerns",
        category: "education",
        kind: "FACT_AND_OPINION",
      },
      {
        key: "family",
        name: "Family circumstances known to the school",
        category: "family_circumstances",
        kind: "FACT_AND_OPINION",
        mayIncludeProtectedIdentity: true,
      },
      { key: "plans", name: "Social care plans and outcomes relevant to school", category: "social_care", kind: "FACT" },
    ],
    flows: [
      {
        key: "referral",
        description: "The DSL refers a concern to children's social care.",
        fromOrganisationIds: [ids[SCHOOL]!],
        toOrganisationIds: [ids[COUNCIL]!],
        dataItemKeys: ["identity", "education", "family"],
        source: "The school's child protection file",
        transferMethod: "SAFESHARE",
        storage: "Council case record",
        access: "Front door and allocated social workers",
        use: "Deciding and delivering a response",
        onwardDisclosure: "WITH_ORIGINATOR_CONSENT",
        retentionMonths: 300,
        disposalMethod: "Secure deletion",
        frequency: "AS_NEEDED",
      },
      {
        key: "feedback",
        description: "Social care tells the DSL the outcome and any plan.",
        fromOrganisationIds: [ids[COUNCIL]!],
        toOrganisationIds: [ids[SCHOOL]!],
        dataItemKeys: ["identity", "plans"],
        source: "Council case record",
        transferMethod: "SAFESHARE",
        storage: "Child protection file",
        access: "DSL and deputies",
        use: "Supporting the child in school",
        onwardDisclosure: "NOT_PERMITTED",
        retentionMonths: 300,
        disposalMethod: "Transferred with the file when the child changes school",
        frequency: "AS_NEEDED",
      },
    ],
  }),
};
