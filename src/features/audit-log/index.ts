/** The audit-log feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { auditApi } from "./api/routes";
export { verifyAndRecord } from "./services/audit-log";
export { auditPages } from "./web/audit";
