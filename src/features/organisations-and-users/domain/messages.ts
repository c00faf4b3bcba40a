import type { Role } from "../../../platform/auth/roles";
import type { Catalogue, Locale } from "../../../platform/messages";
import type { OrganisationType } from "./organisation";

/** Organisations and users: roles and organisation types: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  role: {
    practitioner: "Practitioner",
    safeguarding_lead: "Safeguarding lead (DSL)",
    ig_lead: "IG lead / DPO",
    org_admin: "Organisation administrator",
    partnership_admin: "Partnership administrator",
    auditor: "Auditor",
  } satisfies Record<Role, string>,
  organisationType: {
    school: "School",
    police: "Police",
    health_trust: "Health trust",
    gp_practice: "GP practice",
    childrens_social_care: "Local authority children's social care",
    early_help: "Early help",
    voluntary_community: "Voluntary or community organisation",
    other: "Other",
  } satisfies Record<OrganisationType, string>,
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const ORGANISATIONS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
