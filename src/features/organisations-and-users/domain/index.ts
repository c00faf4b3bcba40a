/** The organisations-and-users feature's pure rules and types that other features use (ARCHITECTURE.md "Import rules"). */
export { codeInput, newUserInput, organisationInput, passwordChangeInput, signInInput } from "./inputs";
export { ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES, type OrganisationType } from "./organisation";
