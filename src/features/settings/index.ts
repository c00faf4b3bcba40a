/** The settings feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { settingsApi } from "./api/routes";
export { levelsOfNeed, sharingSettings } from "./services/settings";
