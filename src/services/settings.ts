import { eq } from "drizzle-orm";
import { snapshotOf } from "../audit/events";
import { inTransaction } from "../audit/write";
import type { Db, Queryable } from "../db/client";
import { partnershipSettings } from "../db/schema";
import type { Actor } from "../domain/actor";
import { NotPermittedError } from "../domain/errors";
import { DEFAULT_LEVELS_OF_NEED, type LevelOfNeed, levelsOfNeedInput } from "../domain/records";

/** The partnership's scale of need: its own threshold document's levels, or the WT23 default. */
export async function levelsOfNeed(q: Queryable): Promise<readonly LevelOfNeed[]> {
  const [row] = await q.select().from(partnershipSettings).where(eq(partnershipSettings.key, "levelsOfNeed"));
  return row ? levelsOfNeedInput.parse(row.value) : DEFAULT_LEVELS_OF_NEED;
}

/** Replaces the scale. Concerns already raised keep the code they were raised with. */
export async function setLevelsOfNeed(db: Db, actor: Actor, raw: unknown): Promise<readonly LevelOfNeed[]> {
  if (!actor.roles.includes("partnership_admin")) throw new NotPermittedError("Only partnership administrators change the scale of need");
  const levels = levelsOfNeedInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    await tx
      .insert(partnershipSettings)
      .values({ key: "levelsOfNeed", value: levels, updatedByUserId: actor.userId })
      .onConflictDoUpdate({
        target: partnershipSettings.key,
        set: { value: levels, updatedByUserId: actor.userId, updatedAt: new Date() },
      });
    audit.record(snapshotOf(actor), {
      type: "partnership_setting.changed",
      entity: { type: "partnership_setting", id: "levelsOfNeed" },
      details: { key: "levelsOfNeed" },
    });
  });
  return levels;
}
