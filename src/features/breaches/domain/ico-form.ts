import { icoDueAt, reportIsLate } from "./clock";
import type { BreachDataCategory, BreachKind, BreachType, ReportPhase } from "./vocabulary";

/**
 * The fields of the ICO's personal data breach report form (docs/domain.md §7), as they stood when a
 * report was made: kept with each report, so what the ICO was told is never rewritten by a later edit.
 */
export interface IcoForm {
  phase: ReportPhase;
  icoCaseReference: string | null;
  reportedAt: string;
  /** Whether it was made more than 72 hours after awareness, and why (BR-72H). */
  late: boolean;
  delayReasons: string;
  organisation: string;
  contact: string;
  whatHappened: string;
  occurredAt: string | null;
  awareAt: string;
  howDiscovered: string;
  cyber: boolean;
  types: BreachType[];
  kinds: BreachKind[];
  dataCategories: BreachDataCategory[];
  approxPeople: number | null;
  approxRecords: number | null;
  consequences: string;
  physicalRisk: boolean;
  physicalRiskDetail: string;
  measuresTaken: string;
  measuresProposed: string;
  /** When the report was due: T0 + 72 hours. */
  dueAt: string;
}

/** What the form needs of a breach. */
export interface IcoFormFacts {
  awareAt: Date;
  occurredAt: Date | null;
  howDiscovered: string;
  whatHappened: string;
  cyber: boolean;
  types: BreachType[];
  kinds: BreachKind[];
  dataCategories: BreachDataCategory[];
  approxPeople: number | null;
  approxRecords: number | null;
  consequences: string;
  physicalRisk: boolean;
  physicalRiskDetail: string;
  measuresTaken: string;
  measuresProposed: string;
}

/** The form as reported: the breach's facts now, and the report's own fields. */
export function icoFormOf(
  breach: IcoFormFacts,
  report: {
    phase: ReportPhase;
    reportedAt: Date;
    icoCaseReference: string | null;
    delayReasons: string;
    organisation: string;
    contact: string;
  },
): IcoForm {
  return {
    phase: report.phase,
    icoCaseReference: report.icoCaseReference,
    reportedAt: report.reportedAt.toISOString(),
    late: reportIsLate(breach.awareAt, report.reportedAt),
    delayReasons: report.delayReasons,
    organisation: report.organisation,
    contact: report.contact,
    whatHappened: breach.whatHappened,
    occurredAt: breach.occurredAt?.toISOString() ?? null,
    awareAt: breach.awareAt.toISOString(),
    howDiscovered: breach.howDiscovered,
    cyber: breach.cyber,
    types: [...breach.types],
    kinds: [...breach.kinds],
    dataCategories: [...breach.dataCategories],
    approxPeople: breach.approxPeople,
    approxRecords: breach.approxRecords,
    consequences: breach.consequences,
    physicalRisk: breach.physicalRisk,
    physicalRiskDetail: breach.physicalRiskDetail,
    measuresTaken: breach.measuresTaken,
    measuresProposed: breach.measuresProposed,
    dueAt: icoDueAt(breach.awareAt).toISOString(),
  };
}
