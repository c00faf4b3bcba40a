/** The sign-in feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { meApi } from "./api/routes";
export { assertAcceptablePassword } from "./services/passwords";
export { confirmPassword } from "./services/reauthenticate";
export { endAllSessionsOf, purgeExpiredSessions, type SessionPolicy } from "./services/sessions";
export { accountPages } from "./web/account";
export { sessionPlugin } from "./web/session-plugin";
export { signInRoutes } from "./web/sign-in";
