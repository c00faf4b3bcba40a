/** The retention feature's public face (issue 21): schedules, legal holds, the review queue and disposal (ARCHITECTURE.md "Import rules"). */
export { retentionApi } from "./api/routes";
export { approveDisposal, proposeDisposal } from "./services/disposal";
export { eraseItemText } from "./services/erase-text";
export { assertFilesNotHeld } from "./services/hold-coverage";
export { setHold } from "./services/holds";
export { loadRetentionWork } from "./services/load-work";
export { retentionReviewPages } from "./web/review-pages";
export { retentionSettingsPages } from "./web/settings-pages";
