/** The retention feature's public face: the services and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { retentionApiRoutes } from "./api/routes";
export { loadOrganisationSchedule, type ScheduleRule } from "./services/schedule";
export { retentionSettingsPages } from "./web/settings-pages";
