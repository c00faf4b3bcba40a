import { format } from "date-fns";

/** Today's date as YYYY-MM-DD, on the server's calendar: domain rules take dates, never the clock. */
export const today = (now = new Date()) => format(now, "yyyy-MM-dd");
