import { eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Queryable } from "../../../platform/db/client";
import { NotPermittedError } from "../../../platform/errors";
import type {} from "../audit-events";
import { DEFAULT_LEVELS_OF_NEED, type LevelOfNeed, levelsOfNeedInput } from "../domain/levels-of-need";
import { DEFAULT_SHARING_SETTINGS, type SharingSettings, sharingSettingsInput } from "../domain/settings";
import { partnershipSettings } from "../schema";

/** The partnership's scale of need: its own threshold document's levels, or the WT23 default. */
export async function levelsOfNeed(q: Queryable): Promise<readonly LevelOfNeed[]> {
  const [row] = await q.select().from(partnershipSettings).where(eq(partnershipSettings.key, "levelsOfNeed"));
  return row ? levelsOfNeedInput.parse(row.value) : DEFAULT_LEVELS_OF_NEED;
}

/** The partnership's deadlines and calendar for sharing, or the defaults. */
export async function sharingSettings(q: Queryable): Promise<SharingSettings> {
  const [row] = await q.select().from(partnershipSettings).where(eq(partnershipSettings.key, "sharing"));
  return row ? sharingSettingsInput.parse(row.value) : DEFAULT_SHARING_SETTINGS;
}

/** Replaces the sharing settings (partnership administrators). Deadlines already set keep their dates. */
export async function setSharingSettings(db: Db, actor: Actor, raw: unknown): Promise<SharingSettings> {
  if (!actor.roles.includes("partnership_admin"))
    throw new NotPermittedError("Only partnership administrators change the sharing settings");
  const settings = sharingSettingsInput.parse(raw);
  await savePartnershipSetting(db, actor, "sharing", settings);
  return settings;
}

async function savePartnershipSetting(db: Db, actor: Actor, key: string, value: unknown): Promise<void> {
  await inTransaction(db, async (tx, audit) => {
    await tx
      .insert(partnershipSettings)
      .values({ key, value, updatedByUserId: actor.userId })
      .onConflictDoUpdate({ target: partnershipSettings.key, set: { value, updatedByUserId: actor.userId, updatedAt: new Date() } });
    audit.record(snapshotOf(actor), {
      type: "partnership_setting.changed",
      entity: { type: "partnership_setting", id: key },
      details: { key },
    });
  });
}

/** Replaces the scale. Concerns already raised keep the code they were raised with. */
export async function setLevelsOfNeed(db: Db, actor: Actor, raw: unknown): Promise<readonly LevelOfNeed[]> {
  if (!actor.roles.includes("partnership_admin")) throw new NotPermittedError("Only partnership administrators change the scale of need");
  const levels = levelsOfNeedInput.parse(raw);
  await savePartnershipSetting(db, actor, "levelsOfNeed", levels);
  return levels;
}
