import type { Actor } from "../../../platform/auth/actor";
import { ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotPermittedError } from "../../../platform/errors";
import type { AgreementDocument } from "../domain/document";
import { agreementReference } from "../domain/document";
import { AGREEMENT_ACTIONS, actionLabel, availableActions, CLOSED_STATUSES, canManageAgreement, isOperating } from "../domain/lifecycle";
import { type ListedAgreement, loadAgreement, loadVisibleVersions, type VersionRow } from "../services/queries";

/**
 * What the agreement pages need to know about one agreement and the actor: which versions they see,
 * which version is pending, and which actions they may take now (buttons for anything else are hidden;
 * the services enforce the same rules regardless).
 */
export interface AgreementState {
  agreement: ListedAgreement;
  reference: string;
  versions: VersionRow[];
  /** The latest version the actor may see. */
  latest: VersionRow;
  inForce: VersionRow | undefined;
  /** The latest version when it is still a draft or awaiting signatures. */
  pending: VersionRow | undefined;
  canManage: boolean;
  closed: boolean;
  /** The terms can be edited now (a draft in place, or a new variation of the version in force). */
  canEdit: boolean;
  /** Why editing is not possible, when the actor could otherwise manage the agreement. */
  editBlockedReason: string | null;
}

/** The lifecycle actions, plus discarding a pending version, each with its own confirmation page. */
export const WEB_ACTIONS = [...AGREEMENT_ACTIONS, "discard"] as const;
export type WebAction = (typeof WEB_ACTIONS)[number];

export function webActionLabel(action: WebAction): string {
  return action === "discard" ? "Discard the pending version" : actionLabel(action);
}

/** Changing an agreement (its status, a review, a new party) is for those who manage it. */
export function assertManager(state: AgreementState): void {
  if (!state.canManage)
    throw new NotPermittedError("Only an IG lead of the owning organisation or a partnership administrator can change this agreement");
}

export async function loadAgreementState(db: Db, actor: Actor, id: string): Promise<AgreementState> {
  const agreement = await loadAgreement(db, actor, id);
  const versions = await loadVisibleVersions(db, actor, agreement);
  const latest = versions[0]!;
  const inForce = versions.find((v) => v.version === agreement.inForceVersion);
  const pending = latest && (latest.state === "DRAFT" || latest.state === "AWAITING_SIGNATURES") ? latest : undefined;
  const canManage = canManageAgreement(actor, agreement.ownerOrganisationId);
  const closed = CLOSED_STATUSES.includes(agreement.status);
  const awaiting = latest?.state === "AWAITING_SIGNATURES" && latest.version === agreement.latestVersion;
  const editBlockedReason = !canManage
    ? null
    : closed
      ? "This agreement has ended, so its terms can no longer change."
      : awaiting
        ? `Version ${latest.version} has been sent for signature, so it cannot be changed. Return it to draft first.`
        : null;
  return {
    agreement,
    reference: agreementReference(agreement.number),
    versions,
    latest,
    inForce,
    pending,
    canManage,
    closed,
    canEdit: canManage && !closed && !awaiting,
    editBlockedReason,
  };
}

/** The actions the actor may take now, as links to their confirmation pages. */
export function actionLinks(state: AgreementState): { text: string; href: string; secondary: boolean; warning: boolean }[] {
  const { agreement, pending, canManage, closed } = state;
  if (!canManage || closed) return [];
  const base = `/agreements/${agreement.id}`;
  const links: { text: string; href: string; secondary: boolean; warning: boolean }[] = [];
  const action = (a: WebAction, options: { secondary?: boolean; warning?: boolean } = {}) =>
    links.push({
      text: webActionLabel(a),
      href: `${base}/actions/${a}`,
      secondary: options.secondary ?? true,
      warning: options.warning ?? false,
    });
  if (pending?.state === "DRAFT") action("send_for_signature", { secondary: false });
  if (pending?.state === "AWAITING_SIGNATURES" && pending.kind !== "ACCESSION") action("return_to_draft");
  const operating = isOperating(agreement);
  if (operating) links.push({ text: "Record a review", href: `${base}/review`, secondary: true, warning: false });
  if (operating && !pending)
    links.push({ text: "Invite an organisation to join", href: `${base}/accession`, secondary: true, warning: false });
  for (const a of availableActions(agreement.status)) {
    if (a === "send_for_signature" || a === "return_to_draft") continue;
    action(a, { warning: a === "terminate" || a === "suspend" || a === "expire" });
  }
  if (agreement.inForceVersion !== null && pending) action("discard", { warning: true });
  return links;
}

export type PartyStatus = { organisationId: string; name: string; signatory: string; status: string; signed: boolean };

/** Each party of a version and where its signature stands. */
export function partyStatuses(doc: AgreementDocument, version: VersionRow): PartyStatus[] {
  return doc.content.parties.map((party) => {
    const name = doc.organisations[party.organisationId]?.name ?? "Unknown organisation";
    const signatory = party.signatoryUserId ? (doc.users[party.signatoryUserId]?.name ?? "Unknown person") : "Not named yet";
    const own = doc.signatures.find((s) => s.organisationId === party.organisationId && s.version === version.version);
    const carried = doc.signatures.find((s) => s.organisationId === party.organisationId && s.version !== version.version);
    let status: string;
    let signed = false;
    if (own) {
      status = `Signed by ${own.signatoryName} on ${ukDate(own.signedAt)}`;
      signed = true;
    } else if (carried) {
      status = `Signed version ${carried.version} on ${ukDate(carried.signedAt)}`;
      signed = true;
    } else if (version.state === "DRAFT") {
      status = "Not sent for signature yet";
    } else if (version.state === "DISCARDED") {
      status = "Not signed: this version was discarded";
    } else if (version.state === "AWAITING_SIGNATURES" && version.requiredSignatories.includes(party.organisationId)) {
      status = party.signatoryUserId ? `Waiting for ${signatory} to sign` : "Waiting: no signatory named";
    } else {
      status = "Not signed";
    }
    return { organisationId: party.organisationId, name, signatory, status, signed };
  });
}

/** Whether the actor is the named signatory asked to sign this version now. */
export function canSignNow(actor: Actor, doc: AgreementDocument, version: VersionRow | undefined): boolean {
  if (version?.state !== "AWAITING_SIGNATURES") return false;
  if (!version.requiredSignatories.includes(actor.organisationId)) return false;
  const party = version.content.parties.find((p) => p.organisationId === actor.organisationId);
  if (!party || party.signatoryUserId !== actor.userId) return false;
  return !doc.signatures.some((s) => s.organisationId === actor.organisationId && s.version === version.version);
}
