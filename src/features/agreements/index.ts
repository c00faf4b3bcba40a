/** The agreements feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { agreementsApi } from "./api/routes";
export { SIGNATORY_ROLES } from "./services/agreement-writes";
export { breachNoticeHours } from "./services/breach-term";
export { createFromTemplate } from "./services/create-agreement";
export { editAgreement } from "./services/edit-agreement";
export { loadAgreementsWork } from "./services/load-work";
export {
  agreementStandingFor,
  agreementsInForceFor,
  inForceColumns,
  parentAgreement,
  parentInForce,
  partyToVersion,
} from "./services/queries";
export { reviewRemindersJob } from "./services/review-reminders";
export { signAgreement } from "./services/sign-agreement";
export { sendForSignature } from "./services/versions";
export { agreementPages } from "./web";
