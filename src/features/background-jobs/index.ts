/** The background jobs feature's public face: the routes the composition root registers (ARCHITECTURE.md "Import rules"). */
export { backgroundJobsApi } from "./api/routes";
export { backgroundJobPages } from "./web/jobs";
