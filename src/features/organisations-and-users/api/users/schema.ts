import { z } from "zod";
import { ROLES } from "../../../../platform/auth/roles";
import type { IssuedInvitation } from "../../services/invitations";
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

export const invitationSchema = z
  .object({
    invitationEmailed: z
      .boolean()
      .meta({ description: "True when the link is being emailed to the user; its token is then never returned" }),
    invitationExpiresAt: z.iso.datetime(),
    invitationToken: z
      .string()
      .optional()
      .meta({ description: "Only without a mail server: the token for /invitations/{token}, to pass on" }),
  })
  .meta({ id: "Invitation" });

export function presentInvitation(i: IssuedInvitation): z.infer<typeof invitationSchema> {
  return {
    invitationEmailed: !i.token,
    invitationExpiresAt: i.expiresAt.toISOString(),
    ...(i.token ? { invitationToken: i.token } : {}),
  };
}
