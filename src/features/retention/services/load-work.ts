import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { message } from "../../../platform/messages";
import type { WorkItem } from "../../../platform/work";
import { subjects } from "../../records/schema";
import { disclosures } from "../../sharing/schema";
import { batchReference } from "../domain/certificate";
import { dueOn, queueEndsOn } from "../domain/due";
import { RETENTION_MESSAGES } from "../domain/messages";
import { disposalBatches } from "../schema";
import { copiesDueUnder, copyDueOn } from "./copies";
import { dueUnder, triggerDate } from "./review-queue";
import { scheduleOf } from "./schedule";

const say = (key: string, params: Record<string, string | number> = {}) => message(RETENTION_MESSAGES.en, `retentionWork.${key}`, params);

/**
 * What retention asks of an IG lead, for the home page's "Your work" and the daily reminder (issue 21):
 * the files and copies due for review by the end of the month, due on the earliest of their dates (so
 * an overdue one makes it overdue), and each disposal another IG lead proposed, waiting for a second
 * one's approval. Counts and references only: no one's name is read, so nothing is recorded.
 */
export async function loadRetentionWork(db: Db, actor: Actor, now = new Date()): Promise<WorkItem[]> {
  if (!hasAnyRole(actor.roles, ["ig_lead"])) return [];
  const endsOn = queueEndsOn(today(now));
  const { type, rules } = await scheduleOf(db, actor.organisationId);
  let count = 0;
  let earliest: string | null = null;
  const note = (n: number, first: string | null) => {
    count += n;
    if (first && (!earliest || first < earliest)) earliest = first;
  };
  for (const rule of rules) {
    if (rule.category === "DISCLOSED_COPY") {
      const [row] = await db
        .select({
          n: sql<number>`count(*)::int`,
          first: sql<string | null>`min(${copyDueOn(rule)})::text`,
        })
        .from(disclosures)
        .where(copiesDueUnder(actor.organisationId, rule, endsOn));
      note(row?.n ?? 0, row?.first ?? null);
      continue;
    }
    const due = dueUnder(actor.organisationId, type, rule, endsOn);
    if (!due) continue;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int`, first: sql<string | null>`min(${triggerDate(rule.trigger)})::text` })
      .from(subjects)
      .where(due);
    note(row?.n ?? 0, row?.first ? dueOn(row.first, rule.periodMonths) : null);
  }
  const waiting = await db
    .select({ id: disposalBatches.id, reference: disposalBatches.reference })
    .from(disposalBatches)
    .where(
      and(visibleTo(actor, disposalBatches), eq(disposalBatches.status, "PROPOSED"), ne(disposalBatches.proposedByUserId, actor.userId)),
    )
    .orderBy(asc(disposalBatches.proposedAt));
  return [
    ...(count ? [{ kind: "retention_review", title: say("review", { count }), href: "/retention/review", dueOn: earliest ?? endsOn }] : []),
    ...waiting.map((b) => ({
      kind: "disposal_to_approve",
      title: say("approve", { reference: batchReference(b.reference) }),
      href: `/retention/disposals/${b.id}`,
      dueOn: null,
    })),
  ];
}
