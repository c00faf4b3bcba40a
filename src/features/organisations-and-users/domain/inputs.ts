import { z } from "zod";
import { ROLES } from "../../../platform/auth/roles";
import { ICO_REGISTRATION_PATTERN, ORGANISATION_TYPES } from "./organisation";

/** A text field that may be left blank: blank becomes undefined, never an empty string in the database. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : undefined));

const email = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(254, "Email address must be 254 characters or fewer")
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.org" }));

/** Checkbox "yes"/"no" from forms, or a real boolean from the API. */
const yesNo = (missing: string) => z.union([z.boolean(), z.enum(["yes", "no"]).transform((v) => v === "yes")], { error: missing });

export const organisationInput = z.object({
  name: z
    .string({ error: "Enter the organisation's name" })
    .trim()
    .min(1, "Enter the organisation's name")
    .max(200, "Organisation name must be 200 characters or fewer"),
  type: z.enum(ORGANISATION_TYPES, { error: "Select the type of organisation" }),
  icoRegistration: optionalText(20, "ICO registration number must be 20 characters or fewer").refine(
    (v) => v === undefined || ICO_REGISTRATION_PATTERN.test(v.toUpperCase()),
    "Enter an ICO registration number in the correct format, like Z1234567 or ZA123456",
  ),
  isPublicAuthority: yesNo("Select whether the organisation is a public authority"),
  dpoName: optionalText(200, "DPO name must be 200 characters or fewer"),
  dpoEmail: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.email({ error: "Enter the DPO's email address in the correct format, like dpo@example.org" }).optional()),
  dpoPhone: optionalText(40, "DPO phone number must be 40 characters or fewer"),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

const roles = z
  .union([z.enum(ROLES), z.array(z.enum(ROLES))], { error: "Select at least one role" })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .refine((v) => v.length > 0, "Select at least one role")
  .transform((v) => [...new Set(v)]);

export const newUserInput = z.object({
  name: z
    .string({ error: "Enter the person's full name" })
    .trim()
    .min(1, "Enter the person's full name")
    .max(200, "Full name must be 200 characters or fewer"),
  email: email("Enter the person's email address"),
  organisationId: z.uuid({ error: "Select an organisation" }).optional(),
  roles,
});
export type NewUserInput = z.infer<typeof newUserInput>;

export const userRolesInput = z.object({ roles });

/** A person's own password, typed to sign in or to confirm an act again (ASVS 3.7.1). */
const enteredPassword = z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Enter your password");

export const signInInput = z.object({
  email: email("Enter your email address"),
  password: enteredPassword,
});

/** The acting person's own password, re-entered before an act that could take over someone's account. */
export const reauthenticationInput = z.object({ password: enteredPassword });

/** A signed-in person's new password; the policy itself is `checkPassword`, which needs to know who they are. */
export const passwordChangeInput = z.object({
  currentPassword: z
    .string({ error: "Enter your current password" })
    .min(1, "Enter your current password")
    .max(1024, "Enter your current password"),
  newPassword: z.string({ error: "Enter a new password" }).min(1, "Enter a new password").max(1024, "Enter a new password"),
});

export const codeInput = z.object({
  code: z
    .string({ error: "Enter the code from your authenticator app or a recovery code" })
    .trim()
    .min(1, "Enter the code from your authenticator app or a recovery code")
    .max(40, "Enter the 6-digit code from your authenticator app or a recovery code"),
});
