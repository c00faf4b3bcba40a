/** The breaches feature's public face (issue 22): the breach register and its 72-hour clock (ARCHITECTURE.md "Import rules"). */
export { breachesApi } from "./api/routes";
export { assessBreachRisk, closeBreach, decideNotToReport } from "./services/changes";
export { breachClockJob } from "./services/clock-reminders";
export { loadBreachesWork } from "./services/load-work";
export { recordBreach } from "./services/register";
export { breachPages } from "./web/pages";
