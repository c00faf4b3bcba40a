import { and, asc, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import type { IcoPackFormat } from "../audit-events";
import type { IcoForm } from "../domain/ico-form";
import { draftIcoForm, type IcoPackOutline, icoPackOutline } from "../domain/ico-pack";
import { breachReference } from "../domain/vocabulary";
import { breachReports } from "../schema";
import { assertReadsBreaches, loadBreachRow } from "./register";

/** A breach's ICO report pack: the form's fields as codes (`form`) and in words (`outline`). */
export interface IcoPack {
  breachId: string;
  reference: string;
  /** A draft from the breach's facts now, not a report the ICO was sent. */
  draft: boolean;
  /** The kept report it is the pack of; null for the draft. */
  reportId: string | null;
  form: IcoForm;
  outline: IcoPackOutline;
}

/**
 * Reading a pack is a read of the breach, recorded (`breach.ico_pack_read`) as the breach's page is;
 * it names no one affected, so it is not a read of anyone's record.
 */
async function recordRead(db: Db, actor: Actor, breachId: string, reportId: string | null, format: IcoPackFormat): Promise<void> {
  await recordEvent(db, snapshotOf(actor), {
    type: "breach.ico_pack_read",
    entity: { type: "breach", id: breachId },
    details: { reportId, draft: reportId === null, format },
  });
}

/**
 * The pack of a report kept on the register, from its snapshot as reported: a later change to the
 * breach does not rewrite what the ICO was told. IG leads and auditors of the breach's organisation;
 * another organisation's breach or report is not found.
 */
export async function loadReportPack(db: Db, actor: Actor, breachId: string, reportId: string, format: IcoPackFormat): Promise<IcoPack> {
  assertReadsBreaches(actor);
  const breach = await loadBreachRow(db, actor, breachId);
  const [report] = await db
    .select({ id: breachReports.id, form: breachReports.form })
    .from(breachReports)
    .where(and(eq(breachReports.id, reportId), eq(breachReports.breachId, breachId), visibleTo(actor, breachReports)));
  if (!report) throw new NotFoundError("The report to the ICO");
  await recordRead(db, actor, breachId, reportId, format);
  return {
    breachId,
    reference: breachReference(breach.reference),
    draft: false,
    reportId,
    form: report.form,
    outline: icoPackOutline(report.form, breach.reference, { draft: false }),
  };
}

/**
 * The draft pack: the form as it would be filled in from the breach's facts now, to prepare the
 * report to the ICO (the initial one, or a follow-up once there is one), clearly titled a draft.
 */
export async function loadDraftPack(db: Db, actor: Actor, breachId: string, format: IcoPackFormat, now = new Date()): Promise<IcoPack> {
  assertReadsBreaches(actor);
  const breach = await loadBreachRow(db, actor, breachId);
  const [reports, [org]] = await Promise.all([
    db
      .select({ phase: breachReports.phase, icoCaseReference: breachReports.icoCaseReference, form: breachReports.form })
      .from(breachReports)
      .where(and(eq(breachReports.breachId, breachId), visibleTo(actor, breachReports)))
      .orderBy(asc(breachReports.reportedAt), asc(breachReports.recordedAt)),
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId)),
  ]);
  const form = draftIcoForm(
    breach,
    reports.map((r) => ({ phase: r.phase, icoCaseReference: r.icoCaseReference, contact: r.form.contact })),
    org?.name ?? actor.organisationName,
    actor.name,
    now,
  );
  await recordRead(db, actor, breachId, null, format);
  return {
    breachId,
    reference: breachReference(breach.reference),
    draft: true,
    reportId: null,
    form,
    outline: icoPackOutline(form, breach.reference, { draft: true, now }),
  };
}
