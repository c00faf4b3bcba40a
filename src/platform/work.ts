/**
 * One piece of work waiting for the signed-in person, as a feature lists it for the home page's
 * "Your work" (issue 18). Each feature lists its own kinds through its face; the composition root
 * merges them and orders them by `dueOn`, so no feature needs to know of another's work.
 */
export interface WorkItem {
  /** A stable code for the kind of work, for tests and the API; never shown to a person. */
  kind: string;
  /** What to do, in words from the feature's catalogue. */
  title: string;
  /** Where it is done. */
  href: string;
  /** The UK calendar day it is due (YYYY-MM-DD), or null when it has no deadline: listed after every dated item. */
  dueOn: string | null;
  /**
   * Late by the feature's own rule, to the instant (an emergency record due at 3pm is late at 4pm the
   * same day): overrides the comparison of days. Left out, an item is late once its day has passed.
   */
  overdue?: boolean;
  /** A stopped clock (a rights request waiting for the requester): shown as paused, not counted down. */
  paused?: boolean;
  /** A further line in words ("You chased them on 5 December 2026"). */
  note?: string;
  /** A command offered beside the link and posted from the home page (the sender's "Chase"). */
  action?: { label: string; href: string; hiddenText: string };
}

/**
 * When a piece of work is due, and nothing else: what a background count (the daily reminder) reads,
 * by the same rule as the list, without reading or showing whose it is.
 */
export type WorkDeadline = Pick<WorkItem, "dueOn" | "overdue" | "paused">;
