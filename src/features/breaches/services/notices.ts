import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today as todayIso, ukDay } from "../../../platform/dates/calendar";
import type { Db, Queryable, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import { organisations, users } from "../../organisations-and-users/schema";
import { fullName } from "../../records";
import { subjectLinks, subjects } from "../../records/schema";
import type {} from "../audit-events";
import { moveProblem } from "../domain/lifecycle";
import { BREACHES_MESSAGES } from "../domain/messages";
import {
  draftNoticeText,
  type NoticeSentHow,
  newNoticeInput,
  noticeBodyInput,
  noticeSentInput,
  noticeWithheldInput,
  selfAudiences,
} from "../domain/notices";
import { BREACH_RULES } from "../domain/rules";
import type { NoticeAudience, NoticeState } from "../domain/vocabulary";
import { breaches, breachNotices, breachSubjects } from "../schema";
import { change } from "./changes";
import { linkedSubjectIds } from "./linked-people";
import { assertReadsBreaches, assertWritesBreaches, loadBreachRow } from "./register";

/**
 * Telling the people affected by a breach (UK GDPR Art 34; BR-TELL-INDIVIDUALS), harm-aware
 * (docs/domain.md §6; BR-NOTICE-SAFE): a notice is drafted for a person affected, addressed to them or
 * to a parent or carer linked to them, and never to anyone recorded as an alleged perpetrator towards a
 * person the breach affected or towards a parent or carer of one (a mother who fled her abuser), nor to
 * anyone living with such a person. The check runs when the notice
 * is drafted and again, fresh, when it is recorded as sent: a link recorded in between still stops it.
 * A notice whose sending would increase the risk is withheld with the reason. Only the breach's
 * organisation's IG leads change notices; its auditors read them.
 */

const words = BREACHES_MESSAGES.en.notices;
const say = (key: keyof typeof words, params: Record<string, string>) => message(BREACHES_MESSAGES.en, `notices.${key}`, params);

const ref = (id: string) => ({ type: "breach" as const, id });
const person = { id: subjects.id, givenNames: subjects.givenNames, familyName: subjects.familyName };
type Person = { id: string; givenNames: string; familyName: string };

// ---- The safeguarding check (BR-NOTICE-SAFE) ----

/** Why a notice may not go to someone, in words, with the links that say so. */
export interface NoticeRefusal {
  message: string;
  linkIds: string[];
}

/**
 * The safeguarding check: for any addressee, the reasons a notice may not go to them. Read fresh from
 * the organisation's links each time it is built, within the caller's transaction. `protectedPeople`
 * are the people no alleged perpetrator towards whom may be written to (`protectedBy`).
 */
async function safeguardingCheck(q: Queryable, actor: Actor, protectedPeople: readonly string[], addressees: readonly string[]) {
  const towards = alias(subjects, "towards");
  const perpetrator = alias(subjects, "perpetrator");
  const alleged = protectedPeople.length
    ? await q
        .select({
          linkId: subjectLinks.id,
          from: perpetrator,
          towards: { id: towards.id, givenNames: towards.givenNames, familyName: towards.familyName },
        })
        .from(subjectLinks)
        .innerJoin(perpetrator, eq(perpetrator.id, subjectLinks.fromSubjectId))
        .innerJoin(towards, eq(towards.id, subjectLinks.toSubjectId))
        .where(
          and(
            eq(subjectLinks.kind, "ALLEGED_PERPETRATOR_TOWARDS"),
            inArray(subjectLinks.toSubjectId, [...protectedPeople]),
            visibleTo(actor, subjectLinks),
          ),
        )
        .orderBy(asc(subjectLinks.createdAt), asc(subjectLinks.id))
    : [];
  const livesWith =
    alleged.length && addressees.length
      ? await q
          .select({ id: subjectLinks.id, from: subjectLinks.fromSubjectId, to: subjectLinks.toSubjectId })
          .from(subjectLinks)
          .where(
            and(
              eq(subjectLinks.kind, "LIVES_WITH"),
              or(inArray(subjectLinks.fromSubjectId, [...addressees]), inArray(subjectLinks.toSubjectId, [...addressees])),
              visibleTo(actor, subjectLinks),
            ),
          )
      : [];
  const addresseeNames = new Map<string, Person>();
  if (addressees.length)
    for (const p of await q
      .select(person)
      .from(subjects)
      .where(and(inArray(subjects.id, [...addressees]), visibleTo(actor, subjects))))
      addresseeNames.set(p.id, p);
  return (addresseeId: string): NoticeRefusal[] => {
    const addressee = addresseeNames.get(addresseeId);
    const who = addressee ? fullName(addressee) : "This person";
    const direct = alleged
      .filter((a) => a.from.id === addresseeId)
      .map((a) => ({ message: say("perpetrator", { addressee: who, towards: fullName(a.towards) }), linkIds: [a.linkId] }));
    const housemates = livesWith.flatMap((l) =>
      l.from === addresseeId ? [{ ...l, other: l.to }] : l.to === addresseeId ? [{ ...l, other: l.from }] : [],
    );
    const indirect = housemates.flatMap((h) =>
      alleged
        .filter((a) => a.from.id === h.other && a.from.id !== addresseeId)
        .map((a) => ({
          message: say("livesWithPerpetrator", { addressee: who, perpetrator: fullName(a.from), towards: fullName(a.towards) }),
          linkIds: [h.id, a.linkId],
        })),
    );
    return [...direct, ...indirect];
  };
}

const finding = {
  code: "BR-NOTICE-SAFE",
  severity: "block" as const,
  message: BREACH_RULES["BR-NOTICE-SAFE"],
  path: "/addresseeSubjectId",
};

/** A 409 carrying the rule (BR-NOTICE-SAFE), each reason at the addressee, with what the audit log needs. */
class NoticeRefusedError extends ConflictError {
  constructor(
    refusals: NoticeRefusal[],
    readonly audit: { subjectId: string; addresseeSubjectId: string; noticeId: string | null; when: "drafting" | "sending" },
  ) {
    super(
      refusals.map((r) => r.message).join("; "),
      refusals.map((r) => ({ path: "/addresseeSubjectId", message: r.message })),
      [finding],
    );
    this.linkIds = [...new Set(refusals.flatMap((r) => r.linkIds))];
  }
  readonly linkIds: string[];
}

/** Runs a change; a safeguarding refusal is recorded in the audit log (outside the change, which is rolled back) and thrown on. */
async function auditingRefusals<T>(db: Db, actor: Actor, breachId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof NoticeRefusedError)
      await recordEvent(db, snapshotOf(actor), {
        type: "breach.notice_refused",
        entity: ref(breachId),
        details: { ...e.audit, linkIds: e.linkIds },
      });
    throw e;
  }
}

// ---- The people a notice may be for ----

/** The people the breach affected, in the actor's organisation's records, not disposed of. */
async function affectedPeople(q: Queryable, actor: Actor, breachId: string) {
  return q
    .select({ ...person, kind: subjects.kind, dateOfBirth: subjects.dateOfBirth })
    .from(breachSubjects)
    .innerJoin(subjects, eq(subjects.id, breachSubjects.subjectId))
    .where(
      and(eq(breachSubjects.breachId, breachId), visibleTo(actor, breachSubjects), visibleTo(actor, subjects), isNull(subjects.disposedAt)),
    )
    .orderBy(asc(subjects.familyName), asc(subjects.givenNames), asc(subjects.id));
}

/** The parents and carers linked to these people (PARENT_OF, from the parent to the child). */
async function parentsOf(q: Queryable, actor: Actor, childIds: readonly string[]) {
  if (!childIds.length) return [];
  return q
    .select({ childId: subjectLinks.toSubjectId, parent: person })
    .from(subjectLinks)
    .innerJoin(subjects, eq(subjects.id, subjectLinks.fromSubjectId))
    .where(
      and(
        eq(subjectLinks.kind, "PARENT_OF"),
        inArray(subjectLinks.toSubjectId, [...childIds]),
        visibleTo(actor, subjectLinks),
        visibleTo(actor, subjects),
        isNull(subjects.disposedAt),
      ),
    )
    .orderBy(asc(subjects.familyName), asc(subjects.givenNames), asc(subjects.id));
}

/**
 * Who no alleged perpetrator may be written to about (BR-NOTICE-SAFE): the people the breach affected
 * and their parents and carers, so a notice never reaches someone a child's mother fled.
 */
const protectedBy = (affected: readonly string[], parents: readonly { parent: { id: string } }[]): string[] => [
  ...new Set([...affected, ...parents.map((l) => l.parent.id)]),
];

/** Someone a notice could be written to about a person affected, in the versions that fit, or the reasons it may not. */
export interface NoticeChoice {
  subject: { id: string; name: string };
  addressee: { id: string; name: string };
  /** The person affected themself, or a parent or carer linked to them. */
  relation: "SELF" | "PARENT";
  audiences: NoticeAudience[];
  /** Why no notice may go to them (BR-NOTICE-SAFE); empty when they may be written to. */
  refusals: NoticeRefusal[];
}

/** The choices for a breach, read in `q`: each person affected (when old enough) and each parent or carer linked to them. */
async function noticeChoices(q: Queryable, actor: Actor, breachId: string, today: string): Promise<NoticeChoice[]> {
  const people = await affectedPeople(q, actor, breachId);
  const parents = await parentsOf(
    q,
    actor,
    people.map((p) => p.id),
  );
  const candidates = [
    ...people.flatMap((p) => {
      const audiences = selfAudiences(p, today);
      return audiences.length ? [{ subject: p, addressee: p as Person, relation: "SELF" as const, audiences }] : [];
    }),
    ...parents.flatMap((l) => {
      const child = people.find((p) => p.id === l.childId);
      return child ? [{ subject: child, addressee: l.parent, relation: "PARENT" as const, audiences: ["PARENT"] as NoticeAudience[] }] : [];
    }),
  ];
  const refusalsFor = await safeguardingCheck(
    q,
    actor,
    protectedBy(
      people.map((p) => p.id),
      parents,
    ),
    candidates.map((c) => c.addressee.id),
  );
  return candidates.map((c) => ({
    subject: { id: c.subject.id, name: fullName(c.subject) },
    addressee: { id: c.addressee.id, name: fullName(c.addressee) },
    relation: c.relation,
    audiences: c.audiences,
    refusals: refusalsFor(c.addressee.id),
  }));
}

/** Who a notice could go to: an audited read of the people affected and their parents and carers (`personal_data.viewed`). */
export async function viewNoticeChoices(db: Db, actor: Actor, breachId: string, view: string, now = new Date()): Promise<NoticeChoice[]> {
  assertReadsBreaches(actor);
  await loadBreachRow(db, actor, breachId);
  const choices = await noticeChoices(db, actor, breachId, todayIso(now));
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: ref(breachId),
    details: { view, count: choices.length, subjectIds: [...new Set(choices.flatMap((c) => [c.subject.id, c.addressee.id]))] },
  });
  return choices;
}

// ---- Reading notices ----

export interface BreachNotice {
  id: string;
  breachId: string;
  subject: { id: string; name: string };
  addressee: { id: string; name: string };
  audience: NoticeAudience;
  body: string;
  state: NoticeState;
  withheldReason: string | null;
  sentHow: NoticeSentHow | null;
  sentAt: Date | null;
  decidedBy: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

async function loadNotices(q: Queryable, actor: Actor, breachId: string, noticeId?: string): Promise<BreachNotice[]> {
  const addressee = alias(subjects, "addressee");
  const creator = alias(users, "notice_creator");
  const decider = alias(users, "notice_decider");
  const rows = await q
    .select({
      notice: breachNotices,
      subject: person,
      addressee: { id: addressee.id, givenNames: addressee.givenNames, familyName: addressee.familyName },
      createdBy: creator.name,
      decidedBy: decider.name,
    })
    .from(breachNotices)
    .innerJoin(subjects, eq(subjects.id, breachNotices.subjectId))
    .innerJoin(addressee, eq(addressee.id, breachNotices.addresseeSubjectId))
    .innerJoin(creator, eq(creator.id, breachNotices.createdByUserId))
    .leftJoin(decider, eq(decider.id, breachNotices.decidedByUserId))
    .where(
      and(eq(breachNotices.breachId, breachId), visibleTo(actor, breachNotices), ...(noticeId ? [eq(breachNotices.id, noticeId)] : [])),
    )
    .orderBy(asc(breachNotices.createdAt), asc(breachNotices.id));
  return rows.map((r) => ({
    id: r.notice.id,
    breachId: r.notice.breachId,
    subject: { id: r.subject.id, name: fullName(r.subject) },
    addressee: { id: r.addressee.id, name: fullName(r.addressee) },
    audience: r.notice.audience,
    body: r.notice.body,
    state: r.notice.state,
    withheldReason: r.notice.withheldReason,
    sentHow: r.notice.sentHow as NoticeSentHow | null,
    sentAt: r.notice.sentAt,
    decidedBy: r.decidedBy,
    createdBy: r.createdBy,
    createdAt: r.notice.createdAt,
    updatedAt: r.notice.updatedAt,
  }));
}

async function recordNoticesViewed(db: Db, actor: Actor, breachId: string, notices: readonly BreachNotice[], view: string) {
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: ref(breachId),
    details: { view, count: notices.length, subjectIds: [...new Set(notices.flatMap((n) => [n.subject.id, n.addressee.id]))] },
  });
}

/**
 * A breach's notices, oldest first: they name the people affected and who was written to, so reading
 * them is recorded under `view`; an empty list names no one and records nothing.
 */
export async function viewNotices(db: Db, actor: Actor, breachId: string, view: string): Promise<BreachNotice[]> {
  assertReadsBreaches(actor);
  await loadBreachRow(db, actor, breachId);
  const notices = await loadNotices(db, actor, breachId);
  if (notices.length) await recordNoticesViewed(db, actor, breachId, notices, view);
  return notices;
}

/** One notice, an audited read. Another breach's, or another organisation's, is not found. */
export async function viewNotice(db: Db, actor: Actor, breachId: string, noticeId: string, view: string): Promise<BreachNotice> {
  assertReadsBreaches(actor);
  await loadBreachRow(db, actor, breachId);
  const [notice] = await loadNotices(db, actor, breachId, noticeId);
  if (!notice) throw new NotFoundError("The notice");
  await recordNoticesViewed(db, actor, breachId, [notice], view);
  return notice;
}

// ---- Changes ----

/** The notice, locked, still a draft; sent or withheld, it can no longer change. */
async function lockDraft(tx: Tx, actor: Actor, breachId: string, noticeId: string) {
  const [notice] = await tx
    .select()
    .from(breachNotices)
    .where(and(eq(breachNotices.id, noticeId), eq(breachNotices.breachId, breachId), visibleTo(actor, breachNotices)))
    .for("update");
  if (!notice) throw new NotFoundError("The notice");
  if (notice.state !== "DRAFT")
    throw new ConflictError(say("notDraft", { state: BREACHES_MESSAGES.en.noticeState[notice.state].toLocaleLowerCase("en-GB") }));
  return notice;
}

const noticeRef = (n: { id: string; subjectId: string; addresseeSubjectId: string }) => ({
  noticeId: n.id,
  subjectId: n.subjectId,
  addresseeSubjectId: n.addresseeSubjectId,
});

/** The people a notice's addressee must not be an alleged perpetrator towards, read fresh at sending (`protectedBy`). */
async function protectedAtSending(tx: Tx, actor: Actor, breachId: string, subjectId: string): Promise<string[]> {
  const affected = [...new Set([subjectId, ...(await linkedSubjectIds(tx, actor, breachId))])];
  return protectedBy(affected, await parentsOf(tx, actor, affected));
}

/**
 * Drafts a notice (IG leads): about a person the breach affected, to them (old enough; see
 * `selfAudiences`) or to a parent or carer linked to them, in the version chosen, its words drawn from
 * the breach's facts. Refused (409, BR-NOTICE-SAFE, and the attempt audited) for an addressee recorded
 * as an alleged perpetrator towards a child the breach affected, or living with one.
 */
export async function draftBreachNotice(db: Db, actor: Actor, breachId: string, raw: unknown, now = new Date()): Promise<string> {
  assertWritesBreaches(actor);
  const input = newNoticeInput.parse(raw);
  return auditingRefusals(db, actor, breachId, () =>
    change(db, actor, breachId, async (tx, audit, breach) => {
      const choices = await noticeChoices(tx, actor, breachId, todayIso(now));
      const people = choices.map((c) => c.subject.id);
      if (!people.includes(input.subjectId)) throw new ValidationError([{ path: "/subjectId", message: words.notAffected }]);
      const choice = choices.find((c) => c.subject.id === input.subjectId && c.addressee.id === input.addresseeSubjectId);
      if (!choice) {
        const child = choices.find((c) => c.subject.id === input.subjectId)!.subject;
        const message = input.addresseeSubjectId === input.subjectId ? say("notWrittenTo", { person: child.name }) : words.notTheirs;
        throw new ValidationError([{ path: "/addresseeSubjectId", message }]);
      }
      if (!choice.audiences.includes(input.audience))
        throw new ValidationError([{ path: "/audience", message: words.youngPersonSelfOnly }]);
      if (choice.refusals.length) throw new NoticeRefusedError(choice.refusals, { ...input, noticeId: null, when: "drafting" });

      const [names, [org], [me]] = await Promise.all([
        tx
          .select(person)
          .from(subjects)
          .where(inArray(subjects.id, [input.subjectId, input.addresseeSubjectId])),
        tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId)),
        tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)),
      ]);
      const byId = (id: string) => names.find((p) => p.id === id)!;
      const body = draftNoticeText(input.audience, {
        organisation: org?.name ?? actor.organisationName,
        contact: { name: actor.name, email: me?.email ?? null },
        person: byId(input.subjectId),
        addressee: byId(input.addresseeSubjectId),
        toThePerson: input.subjectId === input.addresseeSubjectId,
        occurredAt: breach.occurredAt,
        awareAt: breach.awareAt,
        kinds: breach.kinds,
        dataCategories: breach.dataCategories,
        whatHappened: breach.whatHappened,
        consequences: breach.consequences,
        physicalRisk: breach.physicalRisk,
        measuresTaken: breach.measuresTaken,
        measuresProposed: breach.measuresProposed,
      });
      const [row] = await tx
        .insert(breachNotices)
        .values({ ...input, breachId, organisationId: actor.organisationId, body, createdByUserId: actor.userId })
        .returning({ id: breachNotices.id });
      audit.record(snapshotOf(actor), {
        type: "breach.notice_drafted",
        entity: ref(breachId),
        details: { ...noticeRef({ id: row!.id, ...input }), audience: input.audience },
      });
      return row!.id;
    }),
  );
}

/** Changes a draft notice's words (IG leads). */
export async function editBreachNotice(db: Db, actor: Actor, breachId: string, noticeId: string, raw: unknown, now = new Date()) {
  assertWritesBreaches(actor);
  const { body } = noticeBodyInput.parse(raw);
  await change(db, actor, breachId, async (tx, audit) => {
    const notice = await lockDraft(tx, actor, breachId, noticeId);
    await tx.update(breachNotices).set({ body, updatedAt: now }).where(eq(breachNotices.id, noticeId));
    audit.record(snapshotOf(actor), { type: "breach.notice_edited", entity: ref(breachId), details: noticeRef(notice) });
  });
}

/**
 * Records that a draft notice was sent (IG leads): how and when, not in the future nor before the day
 * the organisation became aware of the breach. The safeguarding check runs again first, so a link
 * recorded since the draft stops it (409, BR-NOTICE-SAFE, audited). The first notice sent is when the
 * people affected were told (Art 34): the breach records it, and moves to "people affected told" where
 * it stands after its ICO report (`TRANSITIONS`); elsewhere it keeps its stage.
 */
export async function recordNoticeSent(db: Db, actor: Actor, breachId: string, noticeId: string, raw: unknown, now = new Date()) {
  assertWritesBreaches(actor);
  const input = noticeSentInput.parse(raw);
  const sentAt = new Date(input.sentAt);
  await auditingRefusals(db, actor, breachId, () =>
    change(db, actor, breachId, async (tx, audit, breach) => {
      const notice = await lockDraft(tx, actor, breachId, noticeId);
      if (sentAt.getTime() > now.getTime()) throw new ValidationError([{ path: "/sentAt", message: words.sentInFuture }]);
      if (ukDay(sentAt) < ukDay(breach.awareAt)) throw new ValidationError([{ path: "/sentAt", message: words.sentBeforeAware }]);
      const check = await safeguardingCheck(tx, actor, await protectedAtSending(tx, actor, breachId, notice.subjectId), [
        notice.addresseeSubjectId,
      ]);
      const refusals = check(notice.addresseeSubjectId);
      if (refusals.length)
        throw new NoticeRefusedError(refusals, {
          subjectId: notice.subjectId,
          addresseeSubjectId: notice.addresseeSubjectId,
          noticeId,
          when: "sending",
        });
      await tx
        .update(breachNotices)
        .set({ state: "SENT", sentHow: input.how, sentAt, decidedByUserId: actor.userId, updatedAt: now })
        .where(eq(breachNotices.id, noticeId));
      const moves = moveProblem(breach.state, "INDIVIDUALS_TOLD") === null;
      const firstTold = breach.individualsToldAt === null;
      if (moves || firstTold)
        await tx
          .update(breaches)
          .set({
            ...(moves ? { state: "INDIVIDUALS_TOLD" as const } : {}),
            ...(firstTold ? { individualsToldAt: sentAt } : {}),
            updatedAt: now,
          })
          .where(eq(breaches.id, breachId));
      audit.record(snapshotOf(actor), {
        type: "breach.notice_sent",
        entity: ref(breachId),
        details: { ...noticeRef(notice), how: input.how, individualsTold: firstTold },
      });
      if (moves)
        audit.record(snapshotOf(actor), {
          type: "breach.state_changed",
          entity: ref(breachId),
          details: { from: breach.state, to: "INDIVIDUALS_TOLD" },
        });
    }),
  );
}

/** Withholds a draft notice because telling would increase the risk to someone, with the reason (IG leads; BR-NOTICE-SAFE). */
export async function withholdBreachNotice(db: Db, actor: Actor, breachId: string, noticeId: string, raw: unknown, now = new Date()) {
  assertWritesBreaches(actor);
  const { reason } = noticeWithheldInput.parse(raw);
  await change(db, actor, breachId, async (tx, audit) => {
    const notice = await lockDraft(tx, actor, breachId, noticeId);
    await tx
      .update(breachNotices)
      .set({ state: "WITHHELD", withheldReason: reason, decidedByUserId: actor.userId, updatedAt: now })
      .where(eq(breachNotices.id, noticeId));
    audit.record(snapshotOf(actor), { type: "breach.notice_withheld", entity: ref(breachId), details: noticeRef(notice) });
  });
}
