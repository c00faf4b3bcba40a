/** The records feature's pure rules and types that other features use (ARCHITECTURE.md "Import rules"). */
export type { ChronologyParams } from "./chronology-text";
export { dateOfBirthProblem, nhsCheckDigit, nhsNumberProblem, normaliseNhsNumber, upnCheckLetter } from "./identifiers";
export {
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABELS,
  ITEM_KIND_LABELS,
  ITEM_KINDS,
  type ItemCategory,
  SUBJECT_KIND_LABELS,
  SUBJECT_KINDS,
  type SubjectKind,
} from "./information";
export { mayDecideProtectedDetails, SUBJECT_LINK_LABELS } from "./links";
export {
  ACCURACY_STATES,
  type AccuracyState,
  CONCERN_CATEGORY_LABELS,
  correctionInput,
  RECORD_ITEM_KIND_LABELS,
  RECORD_ITEM_KINDS,
  type RecordItemKind,
  SOURCE_METHOD_LABELS,
  SOURCE_METHODS,
  type SourceMethod,
} from "./records";
