import { and, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { formDrafts } from "../schema";

/**
 * Server-side drafts of long forms: each step's answers are saved as the user goes, so a session
 * that expires mid-form loses nothing. A draft belongs to one user; nobody else can read it.
 * Drafts are not audited: they are the user's own unfinished work, and saving the finished form is.
 */
export async function loadDraft<T extends Record<string, unknown>>(db: Db, actor: Actor, form: string, key: string): Promise<Partial<T>> {
  const [row] = await db
    .select({ data: formDrafts.data })
    .from(formDrafts)
    .where(and(eq(formDrafts.userId, actor.userId), eq(formDrafts.form, form), eq(formDrafts.key, key)));
  return (row?.data ?? {}) as Partial<T>;
}

/** Merges `answers` into the draft (creating it), and returns the whole draft. */
export async function saveDraft<T extends Record<string, unknown>>(
  db: Db,
  actor: Actor,
  form: string,
  key: string,
  answers: Partial<T>,
): Promise<Partial<T>> {
  const data = { ...(await loadDraft<T>(db, actor, form, key)), ...answers };
  await db
    .insert(formDrafts)
    .values({ userId: actor.userId, organisationId: actor.organisationId, form, key, data })
    .onConflictDoUpdate({ target: [formDrafts.userId, formDrafts.form, formDrafts.key], set: { data, updatedAt: new Date() } });
  return data;
}

export async function discardDraft(db: Db, actor: Actor, form: string, key: string): Promise<void> {
  await db.delete(formDrafts).where(and(eq(formDrafts.userId, actor.userId), eq(formDrafts.form, form), eq(formDrafts.key, key)));
}
