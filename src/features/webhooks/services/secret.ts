import { createHmac } from "node:crypto";
import { appSecret } from "../../../platform/crypto/app-secrets";
import type { Db } from "../../../platform/db/client";

/**
 * An endpoint's signing secret: an HMAC of its id under the app's webhook key (an app secret, sealed
 * at rest and rotated with the others), so no secret is stored per endpoint and none sits in a job.
 * A new secret means a new endpoint. In the Standard Webhooks form: `whsec_` and base64.
 */
export async function signingSecret(db: Db, endpointId: string): Promise<string> {
  const key = await appSecret(db, "webhook-signing");
  return `whsec_${createHmac("sha256", key).update(endpointId).digest("base64")}`;
}
