import { and, type Column, eq, exists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { inTransaction } from "../../../platform/audit/write";
import type { Db, Queryable } from "../../../platform/db/client";
import { enqueue, type JobContext, type JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { renderMail } from "../../../platform/mail/render";
import { subjectLinks, subjects } from "../../records/schema";
import type {} from "../audit-events";
import { RIGHTS_MESSAGES } from "../domain/messages";
import type { AcknowledgementState } from "../domain/vocabulary";
import { rightsRequests } from "../schema";
import { matchesRequester } from "./pack-safety";
import { logEvent } from "./record-step";

/**
 * The public form's acknowledgement (issue 19): the requester who asks for it is emailed their
 * reference and what happens next, at the address they typed, by a job queued with the request.
 * Harm-aware (docs/domain.md §6): the form cannot know who is typing, so the requester opts in under a
 * warning that anyone else who reads their email would see it, and the job then checks every
 * member's records: it is withheld when the address is that of someone recorded as an alleged
 * perpetrator or living with one, or the name given matches an alleged perpetrator's. Withholding is
 * silent to the requester (they were shown the reference on screen) and written in the request's
 * history for its IG leads.
 */

const words = RIGHTS_MESSAGES.en.acknowledgementMail;
const history = RIGHTS_MESSAGES.en.acknowledgementHistory;
const SYSTEM = { kind: "system", name: "Safeshare" } as const;

/** Queued in the transaction that records the request: it exists exactly when the request does. */
export const queueAcknowledgement = (tx: Queryable, reference: string) =>
  enqueue(tx, { name: QUEUES.acknowledgeRightsRequest }, { reference });

/** Whether anyone in the records is an alleged perpetrator: recorded as one, or alleged to have harmed someone. */
const isAllegedPerpetrator = (person: { id: Column; kind: Column }) =>
  or(
    sql`${person.kind} = 'ALLEGED_PERPETRATOR'`,
    exists(
      sql`(select 1 from ${subjectLinks} where ${subjectLinks.fromSubjectId} = ${person.id} and ${subjectLinks.kind} = 'ALLEGED_PERPETRATOR_TOWARDS')`,
    ),
  );

/**
 * Whether the acknowledgement must not go: the address is that of an alleged perpetrator or of someone
 * living with one, or the name matches an alleged perpetrator's (`matchesRequester`, the rule the
 * request's safety warnings use). Read across every organisation's records, because the request goes to
 * several and any one of them may know; the answer is only ever "withhold", never shown to anyone.
 */
async function linkedToAllegedPerpetrator(db: Db, requester: { name: string; email: string }): Promise<boolean> {
  const email = requester.email.trim().toLowerCase();
  const sameAddress = sql`lower(trim(${subjects.email})) = ${email}`;
  const perpetrator = alias(subjects, "perpetrator");
  const [found] = await db
    .select({ one: sql`1` })
    .from(subjects)
    .where(
      or(
        and(sameAddress, isAllegedPerpetrator(subjects)),
        and(matchesRequester(requester.name), isAllegedPerpetrator(subjects)),
        and(
          sameAddress,
          exists(
            db
              .select({ one: sql`1` })
              .from(subjectLinks)
              .innerJoin(
                perpetrator,
                sql`${perpetrator.id} = case when ${subjectLinks.fromSubjectId} = ${subjects.id} then ${subjectLinks.toSubjectId} else ${subjectLinks.fromSubjectId} end`,
              )
              .where(
                and(
                  eq(subjectLinks.kind, "LIVES_WITH"),
                  or(eq(subjectLinks.fromSubjectId, subjects.id), eq(subjectLinks.toSubjectId, subjects.id)),
                  isAllegedPerpetrator(perpetrator),
                ),
              ),
          ),
        ),
      ),
    )
    .limit(1);
  return !!found;
}

/** Records where the acknowledgement ended, on each organisation's part of the request, once. */
async function settle(db: Db, reference: string, to: Exclude<AcknowledgementState, "QUEUED">): Promise<void> {
  const type = {
    SENT: "rights_request.acknowledgement_emailed",
    WITHHELD: "rights_request.acknowledgement_withheld",
    FAILED: "rights_request.acknowledgement_not_emailed",
  } as const;
  await inTransaction(db, async (tx, audit) => {
    const moved = await tx
      .update(rightsRequests)
      .set({ acknowledgement: to })
      .where(and(eq(rightsRequests.publicReference, reference), eq(rightsRequests.acknowledgement, "QUEUED")))
      .returning({ id: rightsRequests.id, organisationId: rightsRequests.organisationId });
    for (const r of moved) {
      await logEvent(tx, r.id, SYSTEM.name, history[to]);
      audit.record(SYSTEM, { type: type[to], entity: { type: "rights_request", id: r.id }, details: {} }, r.organisationId);
    }
  });
}

async function acknowledge({ db, mailer, publicUrl }: JobContext, reference: string, lastTry: boolean): Promise<void> {
  const [request] = await db
    .select({ requester: rightsRequests.requester })
    .from(rightsRequests)
    .where(and(eq(rightsRequests.publicReference, reference), eq(rightsRequests.acknowledgement, "QUEUED")))
    .limit(1);
  const email = request?.requester.email;
  if (!request || !email) return;
  if (await linkedToAllegedPerpetrator(db, { name: request.requester.name, email })) return settle(db, reference, "WITHHELD");
  try {
    if (!mailer) throw new Error("no mail server is configured on this node");
    const mail = renderMail({
      subject: words.subject,
      paragraphs: [words.reference.replace("{reference}", reference), words.next, words.notYou],
    });
    await mailer.send({ to: email, ...mail, messageId: `<acknowledgement-${reference}@${new URL(publicUrl).hostname}>` });
  } catch (error) {
    if (lastTry) await settle(db, reference, "FAILED");
    throw error;
  }
  await settle(db, reference, "SENT");
}

const RETRY_LIMIT = 6;

export const acknowledgeRightsRequestJob: JobDefinition<{ reference: string }> = {
  name: QUEUES.acknowledgeRightsRequest,
  run: (data, context, job) => acknowledge(context, data.reference, job.retryCount >= RETRY_LIMIT),
  retryLimit: RETRY_LIMIT,
  retryDelaySeconds: 30,
  expireInSeconds: 60,
};
