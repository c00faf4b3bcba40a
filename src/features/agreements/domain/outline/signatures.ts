/**
 * The closing signature block: for each party, the signature that counts for this version (its own,
 * or one carried forward from an earlier version when a new party accedes).
 */
import { ukDate } from "../../../../platform/dates/calendar";
import type { AgreementDocument, SignatureSummary } from "../document";
import { AGREEMENTS_MESSAGES } from "../messages";
import { type Block, NOT_STATED, type OrganisationName, text } from "./blocks";

export const NOT_YET_SIGNED = "Not yet signed";
export const SIGNATURES_TITLE = "Signatures";

const SIGNATURE_KIND_LABELS: Record<SignatureSummary["kind"], string> = AGREEMENTS_MESSAGES.en.signatureKind;

/** The signature that counts for a party on this version: its own, else the latest one carried forward. */
function signatureFor(doc: AgreementDocument, organisationId: string): SignatureSummary | undefined {
  const theirs = doc.signatures.filter((s) => s.organisationId === organisationId && s.version <= doc.version);
  return theirs.find((s) => s.version === doc.version) ?? theirs.sort((a, b) => b.version - a.version)[0];
}

export function signatures(doc: AgreementDocument, orgName: OrganisationName): Block[] {
  if (!doc.content.parties.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return [
    {
      kind: "paragraph",
      text: `Each party's signatory signs this version in Safeshare. A signature is recorded against version ${doc.version} of ${doc.reference}, or carried forward from an earlier version when a new party accedes.`,
    },
    ...doc.content.parties.map((party): Block => {
      const signature = signatureFor(doc, party.organisationId);
      const signatory = signature?.signatoryName ?? (party.signatoryUserId ? doc.users[party.signatoryUserId]?.name : undefined);
      const jobTitle = signature?.signatoryJobTitle ?? party.signatoryJobTitle;
      const signed = signature
        ? `${SIGNATURE_KIND_LABELS[signature.kind]} on ${ukDate(signature.signedAt)}${signature.version === doc.version ? "" : ` (version ${signature.version})`}`
        : NOT_YET_SIGNED;
      return {
        kind: "rows",
        heading: orgName(party.organisationId),
        rows: [
          { label: "Party", value: orgName(party.organisationId) },
          { label: "Signatory", value: text(signatory) },
          { label: "Job title", value: text(jobTitle) },
          { label: "Signature", value: signed },
        ],
      };
    }),
  ];
}
