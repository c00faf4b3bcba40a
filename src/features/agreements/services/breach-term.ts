import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../../platform/db/client";
import { effectiveContent } from "../domain/inheritance";
import { agreements, agreementVersions } from "../schema";

/**
 * Within how many hours a party tells the originator of a breach (docs/domain.md §5; BR-TELL-CONTROLLER),
 * under the version a share cited: its own breach section, or its tier 1 parent's (the version in force
 * when the share was decided) where its own is blank. Null when the agreement sets no term. Unscoped:
 * the caller has established that its organisation received a share under this agreement.
 */
export async function breachNoticeHours(
  q: Queryable,
  cited: { agreementId: string; version: number; parentVersion: number | null },
): Promise<number | null> {
  const versionOf = async (agreementId: string, version: number) =>
    (
      await q
        .select({ content: agreementVersions.content })
        .from(agreementVersions)
        .where(and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.version, version)))
    )[0]?.content;
  const own = await versionOf(cited.agreementId, cited.version);
  if (!own) return null;
  const [row] = await q.select({ parentId: agreements.parentAgreementId }).from(agreements).where(eq(agreements.id, cited.agreementId));
  const parent = row?.parentId && cited.parentVersion !== null ? await versionOf(row.parentId, cited.parentVersion) : undefined;
  return effectiveContent(own, parent ?? null).content.breach.notifyOriginatorWithinHours;
}
