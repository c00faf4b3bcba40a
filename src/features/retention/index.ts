/** The retention feature's public face (issue 21): schedules, legal holds, the review queue and disposal (ARCHITECTURE.md "Import rules"). */
export { retentionApi } from "./api/routes";
export { eraseItemText } from "./services/erase-text";
export { assertFilesNotHeld } from "./services/hold-coverage";
export { retentionSettingsPages } from "./web/settings-pages";
