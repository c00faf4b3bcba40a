import type { Catalogue, Locale } from "../../../platform/messages";
import type { OrganisationType } from "./organisation";

/** Organisations and users: organisation types: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
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
  /** The home page's "Your work": the people an organisation lacks (services/load-work.ts). */
  organisationsWork: {
    needs: "{organisation} needs {missing}",
    and: " and ",
    safeguarding_lead: "a safeguarding lead",
    ig_lead: "an IG lead",
    signatory: "someone who can sign agreements for it",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const ORGANISATIONS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
