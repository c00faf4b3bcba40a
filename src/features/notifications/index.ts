/** The notifications feature's public face: the services, presenters and routes the rest of Safeshare uses (ARCHITECTURE.md "Import rules"). */
export { deliverNotificationJob } from "./services/deliver";
export { sendDigestsJob } from "./services/digest";
export { unreadCount } from "./services/list";
export { holdersOf, notify, safeguardingLeadsOf } from "./services/notify";
export { chooseDelivery } from "./services/preferences";
export { notificationPages } from "./web/notifications";
export { notificationPreferencePages } from "./web/preferences";
