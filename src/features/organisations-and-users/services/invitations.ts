import { addDays } from "date-fns";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { ActorSnapshot } from "../../../platform/audit/events";
import { type AuditTrail, inTransaction } from "../../../platform/audit/write";
import { randomToken, tokenHash } from "../../../platform/crypto/hashing";
import { openInvitationToken, sealInvitationToken } from "../../../platform/crypto/secrets-at-rest";
import { ukDateTime } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { enqueue, type JobContext, type JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { renderMail } from "../../../platform/mail/render";
import type {} from "../audit-events";
import { ORGANISATIONS_MESSAGES } from "../domain/messages";
import { type INVITATION_EMAIL_STATES, invitations, organisations, users } from "../schema";

/**
 * Invitations (issue 19): a new user's one-time link goes to them by email, queued in the transaction
 * that creates it and sent by a job through the mailer. Only the token's hash is stored in the
 * invitation table; the token itself travels in the job's data sealed with the secret box
 * (secrets-at-rest.ts), so neither our tables nor the queue's hold a link anyone could use. Without a
 * mail server the link is shown to the administrator to pass on, as before.
 */

const INVITATION_DAYS = 7;

const words = ORGANISATIONS_MESSAGES.en.invitationMail;
const SYSTEM = { kind: "system", name: "Safeshare invitations" } as const;

/**
 * The one mechanism for a link with which someone chooses a password: an invitation for a new
 * user, a reset for one who has a password. Only the token's hash is stored; any earlier link
 * of theirs stops working, so only the latest one can be used.
 */
export async function issueOneTimeLink(
  tx: Tx,
  userId: string,
  expiresAt: Date,
  emailState: (typeof INVITATION_EMAIL_STATES)[number] | null = null,
): Promise<string> {
  const token = randomToken();
  await tx
    .update(invitations)
    .set({ usedAt: new Date() })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt)));
  await tx.insert(invitations).values({ tokenHash: tokenHash(token), userId, expiresAt, emailState });
  return token;
}

interface InvitationJobData {
  /** The invitation's token hash, hex: which invitation this is, and what the sealed token is bound to. */
  invitation: string;
  /** The token, sealed (secret-box.ts): the link is rebuilt from it only to send it. */
  sealedToken: string;
}

export interface IssuedInvitation {
  expiresAt: Date;
  /** The link's token, for the administrator to pass on: only when it was not emailed. */
  token?: string;
}

/**
 * Issues a user's invitation inside the caller's transaction, audited: by email when `byEmail` (the
 * job is queued in the same transaction, so it exists exactly when the invitation does), otherwise
 * returned to be shown. A new invitation replaces any earlier link, which stops working.
 */
export async function issueInvitation(
  db: Db,
  tx: Tx,
  audit: AuditTrail,
  actor: ActorSnapshot,
  userId: string,
  { byEmail, resent = false, now = new Date() }: { byEmail: boolean; resent?: boolean; now?: Date },
): Promise<IssuedInvitation> {
  const expiresAt = addDays(now, INVITATION_DAYS);
  const token = await issueOneTimeLink(tx, userId, expiresAt, byEmail ? "queued" : null);
  audit.record(actor, {
    type: "user.invitation_issued",
    entity: { type: "user", id: userId },
    details: { expiresAt: expiresAt.toISOString(), delivery: byEmail ? "email" : "shown", resent },
  });
  if (!byEmail) return { expiresAt, token };
  const invitation = tokenHash(token).toString("hex");
  await enqueue<InvitationJobData>(tx, sendInvitationJob, { invitation, sealedToken: sealInvitationToken(db, invitation, token) });
  return { expiresAt };
}

/** What the user page says about a person's newest invitation. */
export interface InvitationStatus {
  expiresAt: Date;
  expired: boolean;
  emailState: (typeof INVITATION_EMAIL_STATES)[number] | null;
  emailedAt: Date | null;
}

/** The newest link of someone who has not yet chosen a password; not audited (the user page that shows it is). */
export async function loadInvitationStatus(db: Db, userId: string, now = new Date()): Promise<InvitationStatus | undefined> {
  const [row] = await db
    .select({ expiresAt: invitations.expiresAt, emailState: invitations.emailState, emailedAt: invitations.emailedAt })
    .from(invitations)
    .where(eq(invitations.userId, userId))
    .orderBy(desc(invitations.createdAt))
    .limit(1);
  return row && { ...row, expired: row.expiresAt <= now };
}

/** The invitation email: Safeshare, the person's own organisation, the link and when it stops working. Nothing else. */
function invitationMail(organisationName: string, link: string, expiresAt: Date) {
  return renderMail({
    subject: words.subject,
    paragraphs: [
      words.added.replace("{organisation}", organisationName),
      words.expires.replace("{expiresAt}", ukDateTime(expiresAt)),
      words.notExpected,
    ],
    link: { text: words.link, href: link },
  });
}

/**
 * Sends one invitation, once: only while it is the person's live link and still queued, so a link
 * replaced by a resend, used or expired is never emailed. A retry after the mail went but before it
 * was marked sends it at most once more, with the same Message-ID.
 */
async function sendInvitation({ db, mailer, publicUrl }: JobContext, data: InvitationJobData, lastTry: boolean): Promise<void> {
  const hash = Buffer.from(data.invitation, "hex");
  const [row] = await db
    .select({
      userId: invitations.userId,
      organisationId: users.organisationId,
      email: users.email,
      organisationName: organisations.name,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      emailState: invitations.emailState,
      deactivatedAt: users.deactivatedAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(invitations.tokenHash, hash));
  if (row?.emailState !== "queued" || row.usedAt || row.deactivatedAt || row.expiresAt <= new Date()) return;
  try {
    // Configured when it was queued, so a node without a mail server is a fault to retry, not a reason to drop it.
    if (!mailer) throw new Error("no mail server is configured on this node");
    const token = openInvitationToken(db, data.invitation, data.sealedToken);
    const host = new URL(publicUrl).hostname;
    await mailer.send({
      to: row.email,
      ...invitationMail(row.organisationName, new URL(`/invitations/${token}`, publicUrl).toString(), row.expiresAt),
      messageId: `<invitation-${data.invitation.slice(0, 32)}@${host}>`,
    });
  } catch (error) {
    if (lastTry) await settle(db, hash, row, "failed");
    throw error;
  }
  await settle(db, hash, row, "sent");
}

/** Moves a queued invitation's email to where it ended, recorded by the user's id only. */
async function settle(db: Db, hash: Buffer, row: { userId: string; organisationId: string }, to: "sent" | "failed") {
  // The state and its audit event in one transaction: no one reads "sent" before it is on the record.
  await inTransaction(db, async (tx, audit) => {
    const [moved] = await tx
      .update(invitations)
      .set({ emailState: to, ...(to === "sent" ? { emailedAt: new Date() } : {}) })
      .where(and(eq(invitations.tokenHash, hash), eq(invitations.emailState, "queued")))
      .returning({ userId: invitations.userId });
    if (!moved) return;
    audit.record(
      SYSTEM,
      {
        type: to === "sent" ? "user.invitation_emailed" : "user.invitation_not_emailed",
        entity: { type: "user", id: row.userId },
        details: {},
      },
      row.organisationId,
    );
  });
}

const RETRY_LIMIT = 6;

export const sendInvitationJob: JobDefinition<InvitationJobData> = {
  name: QUEUES.sendInvitation,
  run: (data, context, job) => sendInvitation(context, data, job.retryCount >= RETRY_LIMIT),
  // A mail server that is down is tried again: 30 s, then doubling, for about half an hour; then the
  // administrator sees that it could not be sent and can send a new one.
  retryLimit: RETRY_LIMIT,
  retryDelaySeconds: 30,
  expireInSeconds: 60,
};
