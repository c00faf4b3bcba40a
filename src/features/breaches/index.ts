/** The breaches feature's public face (issue 22): the breach register and its 72-hour clock (ARCHITECTURE.md "Import rules"). */
export { breachPartiesApi } from "./api/party-routes";
export { breachesApi } from "./api/routes";
export { assessBreachRisk, closeBreach, decideNotToReport } from "./services/changes";
export { breachClockJob } from "./services/clock-reminders";
export { loadBreachesWork } from "./services/load-work";
export { breachPartyJobs } from "./services/parties";
export { loadBreachRequestsWork } from "./services/party-view";
export { recordBreach } from "./services/register";
export { breachPages } from "./web/pages";
export { breachPartyPages } from "./web/party-pages";
