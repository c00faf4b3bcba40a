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
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  organisationsAuditEvent: {
    "organisation.created": "{actor} added the organisation {about}",
    "organisation.updated": "{actor} changed the details of the organisation {about}",
    "user.created": "{actor} set up {about}",
    "user.updated": "{actor} changed the details or roles of {about}",
    "user.deactivated": "{actor} deactivated {about}",
    "user.invitation_issued": "{actor} issued an invitation link for {about}",
    "user.invitation_emailed": "{actor} emailed {about} their invitation link",
    "user.invitation_not_emailed": "{actor} could not email {about} their invitation link",
    "user.password_reset_issued": "{actor} issued a password reset link for {about}",
    "user.mfa_reset": "{actor} reset the authenticator app of {about}",
  },
  /**
   * The invitation email (services/invitations.ts): Safeshare and the person's own organisation, the
   * link and when it stops working; nothing about anyone's case.
   */
  invitationMail: {
    subject: "You have been invited to use Safeshare",
    added: "{organisation} has added you to Safeshare, the service its safeguarding partnership uses to share information.",
    expires: "Use the link below to choose your password. It works once and stops working on {expiresAt}.",
    notExpected: "If you were not expecting this email, do not use the link. Tell your organisation's Safeshare administrator.",
    link: "Choose your password",
  },
  /** What the user page says about someone's invitation (web/views/users/show.njk). */
  invitationStatus: {
    queued: "Waiting to be emailed",
    sent: "Emailed on {emailedAt}",
    failed: "Could not be emailed",
    shown: "Link shown to an administrator to send them",
    expired: "Expired on {expiresAt}",
    expires: "Expires on {expiresAt}",
  },
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
