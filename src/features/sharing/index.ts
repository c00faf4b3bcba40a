/** The sharing feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { sharingApi } from "./api/routes";
export { setApprovalRules } from "./services/addenda";
export { disclosedItemIds, originsOfItems } from "./services/breach-links";
export { decisionReference } from "./services/decisions";
export { acknowledgeDisclosure, recipientReaders, revokeDisclosureIn } from "./services/disclosures";
export { makeInformationRequest } from "./services/information-requests";
export { loadSharingWorkDeadlines, viewSharingWork } from "./services/load-work";
export { sharingJobs } from "./services/notify-recipients";
export { recordShareDecision } from "./services/record-decision";
export { sharingWebPages } from "./web";
