/** The rights feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { rightsApi } from "./api/routes";
export { acknowledgeRightsRequestJob } from "./services/acknowledge-request";
export { attachSubject } from "./services/attach-subject";
export { loadRightsWorkDeadlines, viewRightsWork } from "./services/load-work";
export { logRightsRequest } from "./services/receive-request";
export { acknowledgeNotice, viewNoticesReceived } from "./services/recipient-notices";
export { correctForRequest } from "./services/rectify-item";
export { transitionRightsRequest } from "./services/transition-request";
export { verifyIdentity } from "./services/verify-identity";
export { rightsWebPages } from "./web";
export { publicRightsForm } from "./web/public-form";
