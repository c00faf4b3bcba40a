/** What every agreement page shares: the agreement id from the route, section paths, and the words and tags for statuses. */
import type { FastifyRequest } from "fastify";
import { NotFoundError } from "../../../platform/errors";
import { idParams } from "../../../platform/http/api-schemas";
import { fieldId } from "../../../platform/web-kit/forms";
import { SECTIONS, type Section } from "../domain/content";
import {
  AGREEMENT_STANDING_LABELS,
  type AgreementStanding,
  agreementStanding,
  type InForceInput,
  type ParentInForceInput,
  type ReviewState,
  type VersionState,
} from "../domain/lifecycle";

/** Shared by the agreement pages: presentation maps, the agreement from the URL, links into its sections. (Forms: ../forms.ts.) */

const STATUS_TAG_CLASSES: Record<AgreementStanding, string> = {
  DRAFT: "govuk-tag--grey",
  AWAITING_SIGNATURES: "govuk-tag--yellow",
  ACTIVE: "govuk-tag--green",
  UNDER_REVIEW: "govuk-tag--turquoise",
  LAPSED: "govuk-tag--red",
  PARENT_NOT_IN_FORCE: "govuk-tag--red",
  SUSPENDED: "govuk-tag--orange",
  EXPIRED: "govuk-tag--red",
  TERMINATED: "govuk-tag--red",
};

/** An agreement's status tag wherever one is shown: its status as the in-force rule leaves it (`agreementStanding`). */
export function statusTag(
  agreement: InForceInput & { parent: ParentInForceInput | null },
  today: string,
): { text: string; classes: string } {
  const standing = agreementStanding(agreement, agreement.parent, today);
  return { text: AGREEMENT_STANDING_LABELS[standing], classes: STATUS_TAG_CLASSES[standing] };
}

export const REVIEW_TAG_CLASSES: Record<ReviewState, string> = {
  NOT_DUE: "govuk-tag--green",
  DUE_SOON: "govuk-tag--yellow",
  OVERDUE: "govuk-tag--orange",
  LAPSED: "govuk-tag--red",
  NOT_SET: "govuk-tag--grey",
};

export const VERSION_STATE_TAG_CLASSES: Record<VersionState, string> = {
  DRAFT: "govuk-tag--grey",
  AWAITING_SIGNATURES: "govuk-tag--yellow",
  SIGNED: "govuk-tag--green",
  DISCARDED: "govuk-tag--red",
};

/** The agreement id from the URL; anything else is simply not found. */
export function agreementId(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError("The agreement");
  return parsed.data.id;
}

export function sectionOfPath(path: string): Section | undefined {
  const first = path.replace(/^\//, "").split("/")[0];
  return SECTIONS.find((s) => s === first);
}

/** Link to the place in an agreement's section pages where a content path is edited. */
export function sectionHref(id: string, path: string): string | undefined {
  const section = sectionOfPath(path);
  if (!section) return undefined;
  const fragment = fieldId(path);
  return `/agreements/${id}/sections/${section}${fragment === section ? "" : `#${fragment}`}`;
}

/** Banner text for the outcome of the last action, from a query parameter set by the redirect. */
export const OUTCOME_MESSAGES: Record<string, string> = {
  created: "Agreement drafted from the model template. Work through the sections below, then send it for signature.",
  send_for_signature: "Sent for signature. Each party's signatory can now sign it in Safeshare.",
  return_to_draft: "Returned to draft. Signatures already given on this version have lapsed.",
  start_review: "Review started.",
  suspend: "Agreement suspended. Information may not be shared under it until it is reinstated.",
  reinstate: "Agreement reinstated.",
  expire: "Agreement marked as expired.",
  terminate: "Agreement terminated.",
  reviewed: "Review recorded.",
  discarded: "Pending version discarded. The version in force is unchanged.",
};
