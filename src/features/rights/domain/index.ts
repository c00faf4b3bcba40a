/** The rights feature's pure rules and types that other features use (ARCHITECTURE.md "Import rules"). */
export type { ProcessingRight } from "./processing";
export { NOTICE_KIND_LABELS } from "./vocabulary";
