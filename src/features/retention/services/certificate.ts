import { and, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { type CertificateOutline, certificateOutline } from "../domain/certificate-text";
import { disposalBatches } from "../schema";
import { assertReviews } from "./review-queue";

/**
 * A carried-out disposal's certificate in words, for its page and its PDF. Only an executed batch has
 * one: any other, or another organisation's, is not found. It holds no personal data, so reading it is
 * not a read of anyone's record and is not recorded.
 */
export async function loadCertificate(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ id: string; outline: CertificateOutline; organisation: string }> {
  assertReviews(actor);
  const [row] = await db
    .select({ status: disposalBatches.status, certificate: disposalBatches.certificate, hash: disposalBatches.certificateHash })
    .from(disposalBatches)
    .where(and(eq(disposalBatches.id, id), visibleTo(actor, disposalBatches)));
  if (row?.status !== "EXECUTED" || !row.certificate || !row.hash) throw new NotFoundError("The disposal certificate");
  return { id, outline: certificateOutline(row.certificate, row.hash), organisation: row.certificate.organisation };
}
