import { z } from "zod";
import { ROLES } from "../../../../platform/auth/roles";
import type { UserView } from "../../services/users";

export const userSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.enum(ROLES)),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    status: z.enum(["active", "invited", "deactivated"]),
    mfaEnabled: z.boolean(),
    lastSignInAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "User" });

/** Allowlist presenter: never password hashes, TOTP secrets or lockout counters. */
export function presentUser(u: UserView): z.infer<typeof userSchema> {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.roles,
    organisation: { id: u.organisationId, name: u.organisationName },
    status: u.status,
    mfaEnabled: u.mfaEnabled,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  };
}
