import { type AgreementContent, INHERITABLE_SECTIONS } from "./content";

type Inheritable = (typeof INHERITABLE_SECTIONS)[number];

/** A baseline section left blank, so a tier 2 agreement takes its tier 1 parent's terms for it. */
function isSectionBlank(content: AgreementContent, section: Inheritable): boolean {
  switch (section) {
    case "transparency":
      return !content.transparency.privacyNotices && !content.transparency.howSubjectsAreInformed;
    case "rights":
      return !content.rights.handling && !content.rights.complaints;
    case "security":
      return (
        !content.security.measures &&
        !content.security.accessControl &&
        !content.security.training &&
        content.security.dspToolkit === "UNKNOWN"
      );
    case "retention":
      return content.retention.defaultMonths === null && !content.retention.disposalMethod;
    case "breach":
      return content.breach.notifyOriginatorWithinHours === null && !content.breach.icoReporting;
    case "dpia":
      return !content.dpia.reference && content.dpia.completedOn === null;
  }
}

export function blankBaseline(content: AgreementContent): AgreementContent {
  return {
    ...content,
    transparency: { privacyNotices: "", howSubjectsAreInformed: "" },
    rights: { handling: "", recipientNotification: true, complaints: "" },
    security: { measures: "", dspToolkit: "UNKNOWN", accessControl: "", training: "" },
    retention: { defaultMonths: null, disposalMethod: "" },
    breach: { notifyOriginatorWithinHours: null, icoReporting: "" },
    dpia: { reference: "", completedOn: null },
  };
}

/**
 * The terms actually in effect for a tier 2 agreement: its own sections, with each blank baseline
 * section taken from the tier 1 parent's in-force version. Also reports which sections were inherited,
 * so documents can say so.
 */
export function effectiveContent(
  own: AgreementContent,
  parent: AgreementContent | null,
): { content: AgreementContent; inherited: Inheritable[] } {
  if (!parent) return { content: own, inherited: [] };
  const inherited = INHERITABLE_SECTIONS.filter((section) => isSectionBlank(own, section));
  const content = { ...own };
  for (const section of inherited) (content as Record<Inheritable, unknown>)[section] = parent[section];
  return { content, inherited };
}
