import { blank, listWords, type QualityCheck } from "./check";

/** Hours within which the controller must report a notifiable breach to the ICO (UK GDPR Art 33(1)). */
const ICO_REPORTING_HOURS = 72;

/** Security: measures, access control, training and the NHS toolkit. */
export function checkSecurity({ content, add }: QualityCheck): void {
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
}

/** Retention: how long recipients keep shared information and how they destroy it. */
export function checkRetention({ content, add }: QualityCheck): void {
  if (content.retention.defaultMonths === null && (content.flows.length === 0 || content.flows.some((f) => f.retentionMonths === null))) {
    add("Q-NO-RETENTION", "retention", "/retention/defaultMonths", "No retention period is set for shared information");
  }
  if (blank(content.retention.disposalMethod) && (content.flows.length === 0 || content.flows.some((f) => blank(f.disposalMethod)))) {
    add("Q-NO-DISPOSAL", "retention", "/retention/disposalMethod", "The agreement does not say how shared information is destroyed");
  }
}

/** Breach: how soon the originator is told, and who reports to the ICO. */
export function checkBreach({ content, add }: QualityCheck): void {
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
}

/** DPIA: routine sharing needs an impact assessment. */
export function checkDpia({ content, add }: QualityCheck): void {
  const routine = content.flows.length === 0 || content.flows.some((f) => f.frequency !== "ONE_OFF");
  if (routine && blank(content.dpia.reference)) {
    add("Q-NO-DPIA", "dpia", "/dpia/reference", "No data protection impact assessment is referenced for this routine sharing");
  }
}
