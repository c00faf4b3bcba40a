/** The agreements feature's pure rules and types that other features use (ARCHITECTURE.md "Import rules"). */
export {
  type AgreementPatch,
  ONWARD_DISCLOSURE,
  ONWARD_DISCLOSURE_LABELS,
  type OnwardDisclosure,
  TRANSFER_METHODS,
} from "./content";
export { agreementReference } from "./document";
export { type CompiledAgreement, compileAgreement, evaluateShare, onwardTermFor } from "./evaluate";
export { effectiveContent } from "./inheritance";
export {
  ARTICLE_6,
  ARTICLE_6_LABELS,
  ARTICLE_9_10,
  ARTICLE_9_10_LABELS,
  type Article6,
  type Article9or10,
  COMMON_LAW_ROUTE_LABELS,
  COMMON_LAW_ROUTES,
  type CommonLawRoute,
  CRIMINAL_OFFENCE_CONDITIONS,
  GATEWAY_LABELS,
  GATEWAYS,
  PARA_18_REASON_LABELS,
  PARA_18_REASONS,
  type Para18Reason,
  SPECIAL_CATEGORY_CONDITIONS,
} from "./lawful-basis";
export { type AgreementStatus, notInForceReason } from "./lifecycle";
export { PURPOSE_CODES, PURPOSE_LABELS, type PurposeCode, purposeLabel } from "./purposes";
export { retentionMonthsFor, type ShareTerms, termsForShare } from "./share-terms";
