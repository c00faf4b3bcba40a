/** Every quality code, what the law or the model says behind it, and its fixed severity. */

export const QUALITY_RULES = {
  // Document control
  "Q-NO-REVIEW-DATE":
    "An agreement needs a next review date; review at least annually (ICO data sharing code Annex A: review and termination)",
  "Q-REVIEW-OVERDUE":
    "The review date has passed; more than 3 months past it the agreement is no longer in force (ICO data sharing code Annex A: review and termination)",
  "Q-REVIEW-TOO-FAR": "The next review should be no more than 12 months away (ICO data sharing code Annex A: review and termination)",
  "Q-NO-PARENT":
    "A tier 2 operational agreement sits under a tier 1 strategic agreement (published two-tier safeguarding DSAs, such as the Somerset/Bristol model template)",
  // Parties
  "Q-FEW-PARTIES": "A data sharing agreement is between two or more organisations (ICO data sharing code Annex A: who are the parties)",
  "Q-NO-SIGNATORY": "Each party names who signs for it (ICO data sharing code Annex A)",
  "Q-NO-CONTACT": "Each party names a single point of contact for day-to-day questions (ICO data sharing code Annex A)",
  "Q-JOINT-NO-ART26": "Joint controllers must set out their respective responsibilities in an arrangement (UK GDPR Art 26)",
  // Purposes
  "Q-NO-PURPOSE": "The agreement must say why information is shared (UK GDPR Art 5(1)(b) purpose limitation; ICO Annex A)",
  "Q-PURPOSE-OTHER-UNDESCRIBED": "A purpose of 'other' must be described, or it limits nothing (UK GDPR Art 5(1)(b))",
  "Q-NO-BENEFITS": "Say what the sharing achieves for children and families (ICO data sharing code Annex A: benefits)",
  "Q-NO-HARM-OF-NOT-SHARING": "Record the harm of not sharing: the law is a framework for sharing (DfE Seven Golden Rules GR1)",
  // Legal basis
  "Q-NO-LEGAL-BASIS": "Each party records its lawful basis for sharing (UK GDPR Art 6; ICO data sharing code Annex A)",
  "Q-NO-ART6": "Every share of personal data needs an Article 6 basis (UK GDPR Art 6(1))",
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
  "Q-NO-COMMON-LAW": "Confidential information also needs a route through the common law duty of confidence (ICO data sharing code)",
  "Q-NO-GATEWAY": "Name the statutory power or duty relied on to share (ICO data sharing code: lawful basis and powers)",
  "Q-GATEWAY-OTHER-UNDESCRIBED": "A gateway of 'other' must say which power or duty it is (ICO data sharing code: lawful basis and powers)",
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
  "Q-NO-BREACH-SLA": "Say within how many hours a party tells the originator of a breach (UK GDPR Arts 33, 34)",
  "Q-BREACH-SLA-OVER-72H":
    "The controller must report to the ICO within 72 hours of awareness, so partners must tell it sooner (UK GDPR Art 33(1))",
  "Q-NO-ICO-REPORTING": "Say who decides on and makes the report to the ICO (UK GDPR Art 33; ICO Annex A)",
  // DPIA
  "Q-NO-DPIA": "Routine sharing of children's special category data needs a DPIA before it starts (UK GDPR Art 35; ICO 10 steps)",
  // Review
  "Q-REVIEW-INTERVAL": "Review the agreement at least once a year (ICO data sharing code Annex A: review and termination)",
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
