import { dueIn, today } from "../../../platform/dates/calendar";
import type { UkNation } from "../../../platform/dates/working-days";
import { isAnswered, type RECEIVED_VIA, type RightsState } from "../domain/vocabulary";

/** How a request reads on the IG lead's pages: the dashboard, logging one, and the request's own page. */

/** How the request came in, on the form that logs it and on its page. */
export const VIA_LABELS: Record<(typeof RECEIVED_VIA)[number], string> = {
  ONLINE_FORM: "The online form",
  EMAIL: "Email",
  LETTER: "Letter",
  PHONE: "Phone",
  IN_PERSON: "In person",
};
/** What the page says once a form on it has done its work (`?outcome=`). */
export const OUTCOMES: Record<string, string> = {
  logged: "Request logged.",
  moved: "Request updated.",
  identity: "Identity check recorded.",
  attached: "Person attached.",
  acknowledged: "Complaint acknowledged.",
  processing: "Decision recorded: anyone in your organisation deciding to share about the person will see it.",
};

/** How far off a running clock's due date is ("due in 3 working days"); a stopped clock or an answered request is not counting down. */
export const dueNote = (state: RightsState, dueOn: string | null, paused: boolean, nation: UkNation) =>
  dueOn && !paused && !isAnswered(state) ? dueIn(dueOn, today(), nation) : null;
