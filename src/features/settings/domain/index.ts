/** The settings feature's pure rules and types that other features use (ARCHITECTURE.md "Import rules"). */
export { DEFAULT_LEVELS_OF_NEED, type LevelOfNeed, levelsOfNeedInput } from "./levels-of-need";
export { DEFAULT_DECISION_RETENTION_MONTHS, DEFAULT_SHARING_SETTINGS, type SharingSettings, sharingSettingsInput } from "./settings";
