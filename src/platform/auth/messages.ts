import type { Catalogue, Locale } from "../messages";
import type { Role } from "./roles";

/** The platform's roles: the words for people, keyed by stable codes (see `platform/messages.ts`). */
const en = {
  role: {
    practitioner: "Practitioner",
    safeguarding_lead: "Safeguarding lead (DSL)",
    ig_lead: "IG lead / DPO",
    org_admin: "Organisation administrator",
    partnership_admin: "Partnership administrator",
    auditor: "Auditor",
  } satisfies Record<Role, string>,
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const AUTH_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
