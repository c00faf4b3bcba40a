import { z } from "zod";
import { ORGANISATION_TYPES } from "../../domain/organisation";
import type { Organisation } from "../../services/organisations";

export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    icoRegistration: z.string().nullable(),
    isPublicAuthority: z.boolean(),
    dpo: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  })
  .meta({ id: "Organisation" });

/** Allowlist presenter: the fields a partner may see about a member organisation. */
export function presentOrganisation(o: Organisation): z.infer<typeof organisationSchema> {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    icoRegistration: o.icoRegistration,
    isPublicAuthority: o.isPublicAuthority,
    dpo: { name: o.dpoName, email: o.dpoEmail, phone: o.dpoPhone },
  };
}
