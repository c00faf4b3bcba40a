import { loadAgreementsWork, SIGNATORY_ROLES } from "../features/agreements";
import { loadBreachesWork, loadBreachRequestsWork } from "../features/breaches";
import { loadOrganisationsWork } from "../features/organisations-and-users";
import { loadRecordsWorkDeadlines, viewRecordsWork } from "../features/records";
import { loadRetentionWork } from "../features/retention";
import { loadRightsWorkDeadlines, viewRightsWork } from "../features/rights";
import { sharingSettings } from "../features/settings";
import { loadSharingWorkDeadlines, viewSharingWork } from "../features/sharing";
import type { Actor } from "../platform/auth/actor";
import { addDaysIso, dueIn, today } from "../platform/dates/calendar";
import type { UkNation } from "../platform/dates/working-days";
import type { Db } from "../platform/db/client";
import type { WorkDeadline, WorkItem } from "../platform/work";

/** A work item as the home page shows it: its due date in words ("due in 2 working days", "Paused"). */
export interface ShownWorkItem extends WorkItem {
  due: string | null;
  overdue: boolean;
}

/**
 * Soonest due first; work with no deadline after every dated item, in the order its feature listed it
 * (a stable sort), so a feature's own ordering survives within the same day.
 */
export function byDueDate(items: readonly WorkItem[]): WorkItem[] {
  return [...items].sort((a, b) => (a.dueOn ?? "9999-12-31").localeCompare(b.dueOn ?? "9999-12-31"));
}

/**
 * "Your work" on the home page (issue 18): every feature's list of what the actor may act on, each
 * scoped and audited by the feature that owns it, merged here, the one place that knows them all, and
 * ordered by due date. Each feature answers in a query or two per kind of work, whatever the count.
 */
export async function yourWork(db: Db, actor: Actor, now = new Date()): Promise<ShownWorkItem[]> {
  const [{ nation }, ...lists] = await Promise.all([
    sharingSettings(db),
    viewSharingWork(
      db,
      actor,
      {
        work: "web.home.work",
        emergencyRecords: "web.home.emergency_records",
        approvals: "web.home.approvals",
        toChase: "web.home.disclosures_to_chase",
      },
      now,
    ),
    viewRecordsWork(db, actor, "web.home.concerns"),
    viewRightsWork(db, actor, "web.home.recipient_notices", now),
    loadAgreementsWork(db, actor, now),
    loadOrganisationsWork(db, actor, SIGNATORY_ROLES),
    loadRetentionWork(db, actor, now),
    loadBreachesWork(db, actor, now),
    loadBreachRequestsWork(db, actor),
  ]);
  return byDueDate(lists.flat()).map((item) => shown(item, today(now), nation));
}

/** A work item's deadline in words, and whether it is late: by the feature's own rule where it has one. */
export function shown(item: WorkItem, day: string, nation: UkNation): ShownWorkItem {
  if (item.paused) return { ...item, due: "Paused: waiting for the requester", overdue: false };
  const overdue = isOverdue(item, day);
  // Late today by the instant, while the day itself has not passed: "overdue", not "due today".
  const due = item.dueOn ? (overdue && item.dueOn >= day ? "overdue" : dueIn(item.dueOn, day, nation)) : null;
  return { ...item, due, overdue };
}

/** Late by the feature's own rule where it has one (to the instant), otherwise once its day has passed; a stopped clock never is. */
function isOverdue(item: WorkDeadline, day: string): boolean {
  if (item.paused) return false;
  return item.overdue ?? (!!item.dueOn && item.dueOn < day);
}

/**
 * How much of the actor's "Your work" is due tomorrow and how much is overdue, for the daily reminder:
 * the same lists' deadlines by the same rules, read without anyone's name, so counting records no
 * read (no one viewed anything). Work with no deadline is neither.
 */
export async function countWorkDue(db: Db, actor: Actor, now = new Date()): Promise<{ dueTomorrow: number; overdue: number }> {
  const lists = await Promise.all([
    loadSharingWorkDeadlines(db, actor, now),
    loadRecordsWorkDeadlines(db, actor),
    loadRightsWorkDeadlines(db, actor, now),
    loadAgreementsWork(db, actor, now),
    loadRetentionWork(db, actor, now),
    loadBreachesWork(db, actor, now),
    loadBreachRequestsWork(db, actor),
  ]);
  const day = today(now);
  const tomorrow = addDaysIso(day, 1);
  const deadlines = lists.flat();
  return {
    dueTomorrow: deadlines.filter((d) => !d.paused && d.dueOn === tomorrow && !isOverdue(d, day)).length,
    overdue: deadlines.filter((d) => isOverdue(d, day)).length,
  };
}
