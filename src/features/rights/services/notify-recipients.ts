import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Role } from "../../../platform/auth/roles";
import type { Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { notify, safeguardingLeadsOf } from "../../notifications";
import { loadProtectedDetails } from "../../records";
import { mayDecideProtectedDetails } from "../../records/domain";
import { findProtectedMentions, redact, redactionsForNotice } from "../../sharing/domain";
import { disclosureItems, disclosures, shareDecisions } from "../../sharing/schema";
import { emitWebhook } from "../../webhooks";
import { recipientNotices } from "../schema";

/**
 * What a recipient is told: `say` is given the new content (a correction's text, the person's
 * statement) as this recipient may see it, or null where it may not: redacted as the disclosure
 * was, and left out altogether once the recipient can no longer read the disclosure and did not
 * file it (a notice is never wider than the disclosure it follows).
 */
export type Notice = {
  kind: typeof recipientNotices.$inferInsert.kind;
  content?: () => string;
  say: (shown: string | null) => string;
  /** The item versions whose recipients are told, when not the item's whole lineage. */
  items?: () => string[];
};

/**
 * Whoever reads each disclosure a notice follows is told there is one to acknowledge: the person it was
 * sent to, and the recipient organisation's safeguarding leads (`recipientReaders`, who read them all).
 * Once each, however many notices this one action sent them.
 */
async function tellReaders(tx: Tx, sent: readonly { recipient: string; recipientUserId: string | null }[]) {
  const readers = sent.flatMap((s) => (s.recipientUserId ? [s.recipientUserId] : []));
  for (const org of new Set(sent.map((s) => s.recipient))) {
    readers.push(...(await safeguardingLeadsOf(tx, org)));
    await emitWebhook(tx, { organisationId: org, type: "recipient_notice.received" });
  }
  await notify(tx, { userIds: readers, kind: "notice_to_acknowledge", href: "/disclosures" });
}

/**
 * Every organisation any version of the item went to, told what happened to it. The new content is
 * redacted for each as its disclosure was (the decision's record of what it took out) and searched for
 * the protected details of the person and those linked to them (GR5-PROTECT-IDENTITIES): a correction
 * can add a refuge address the old text never had. Returns how many notices were sent.
 */
export async function notifyRecipients(
  tx: Tx,
  actor: Actor,
  requestId: string,
  on: { subjectId: string; itemIds: string[] },
  notice: Notice,
  now: Date,
) {
  const sent = await tx
    .select({
      disclosureId: disclosures.id,
      recipient: disclosures.recipientOrganisationId,
      recipientUserId: disclosures.recipientUserId,
      itemId: disclosureItems.sourceItemId,
      readable: sql<boolean>`(${disclosures.revokedAt} is null and ${disclosures.expiresAt} > ${now}) or ${disclosures.filedAt} is not null`,
      record: shareDecisions.record,
      decidedByRoles: shareDecisions.decidedByRoles,
    })
    .from(disclosureItems)
    .innerJoin(disclosures, eq(disclosures.id, disclosureItems.disclosureId))
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(and(inArray(disclosureItems.sourceItemId, on.itemIds), visibleTo(actor, disclosures, "sender")));
  if (!sent.length) return 0;
  const content = notice.content?.() ?? null;
  const mentioned = content ? findProtectedMentions(content, await loadProtectedDetails(tx, actor, on.subjectId)) : [];
  const shown = (s: (typeof sent)[number]) => {
    if (content === null || !s.readable) return null;
    const choice = s.record.items.items?.find((c) => c.itemId === s.itemId);
    return redact(content, redactionsForNotice(choice, mentioned, mayDecideProtectedDetails(s.decidedByRoles as Role[]))).text;
  };
  await tx.insert(recipientNotices).values(
    sent.map((s) => ({
      requestId,
      senderOrganisationId: actor.organisationId,
      recipientOrganisationId: s.recipient,
      disclosureId: s.disclosureId,
      itemId: s.itemId,
      kind: notice.kind,
      text: notice.say(shown(s)),
    })),
  );
  await tellReaders(tx, sent);
  return sent.length;
}
