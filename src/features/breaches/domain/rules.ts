/**
 * The breach rules Safeshare enforces (docs/domain.md §7, §9), each with its one-line source. People
 * read the sentence; IG leads and the API see the code.
 */
export const BREACH_RULES = {
  "BR-72H":
    "Report a breach that is a risk to people to the ICO without undue delay and within 72 hours of becoming aware of it, with reasons for any delay (UK GDPR Art 33(1))",
  "BR-RECORD":
    "Record every breach, its facts, effects and remedial action, including those not reported to the ICO and why not (UK GDPR Art 33(5))",
  "BR-TELL-INDIVIDUALS": "When a breach is likely to result in a high risk to people, tell them without undue delay (UK GDPR Art 34(1))",
  "BR-LESSONS": "A breach is closed only once the lessons learned are recorded (ICO breach guidance: review and learn from each breach)",
  "BR-CONTAIN":
    "Contain a breach at once: a share sent to the wrong organisation is withdrawn and the recipient asked to confirm it deleted any copy (ICO breach guidance: containment and recovery)",
  "BR-TELL-CONTROLLER":
    "Tell the organisation whose information a breach involves within the breach notice term of the agreement it was shared under, so it can meet its own 72 hours (docs/domain.md §5, §7: the agreement says within how many hours a party notifies the originator; UK GDPR Art 33(1))",
  "BR-NOTICE-SAFE":
    "Before telling people about a breach, check the notice cannot endanger anyone: never to someone recorded as an alleged perpetrator towards the child, and withheld, with the reason, where telling would increase the risk (docs/domain.md §6 harm-aware communications, §7: a safeguarding check that the notice itself will not endanger anyone)",
} as const;
export type BreachRuleCode = keyof typeof BREACH_RULES;
