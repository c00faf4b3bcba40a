import { and, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { disclosures } from "../../sharing/schema";
import { assertWritesBreaches } from "./register";

/** What the new-breach form says about a disclosure it is raised from: who has it, since when, and whether they still can open it. */
export interface DisclosureToContain {
  id: string;
  recipientName: string;
  sentAt: Date;
  revoked: boolean;
}

/**
 * A disclosure the actor's organisation sent, for raising a breach from it (IG leads). Names no one
 * (the organisation it went to and when), so nothing is recorded; another organisation's, or one it
 * received, is not found.
 */
export async function loadDisclosureToContain(db: Db, actor: Actor, id: string): Promise<DisclosureToContain> {
  assertWritesBreaches(actor);
  const [row] = await db
    .select({ id: disclosures.id, recipientName: organisations.name, sentAt: disclosures.sentAt, revokedAt: disclosures.revokedAt })
    .from(disclosures)
    .innerJoin(organisations, eq(organisations.id, disclosures.recipientOrganisationId))
    .where(and(eq(disclosures.id, id), visibleTo(actor, disclosures, "sender")));
  if (!row) throw new NotFoundError("The information shared");
  return { id: row.id, recipientName: row.recipientName, sentAt: row.sentAt, revoked: row.revokedAt !== null };
}
