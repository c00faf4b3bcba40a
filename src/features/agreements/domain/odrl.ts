import { ukDay } from "../../../platform/dates/calendar";
import { SUBJECT_KIND_LABELS } from "../../records/domain";
import type { AgreementDocument } from "./document";
import { AGREEMENT_STATUS_LABELS } from "./lifecycle";
import { flowRules } from "./odrl/flow-rules";
import { monthsDuration, type Node, policyNames, ref, typed } from "./odrl/nodes";
import { DPV_ODRL_PROFILE, ODRL_CONTEXT, SUBJECT_TERMS } from "./odrl/terms";

/**
 * Machine-readable export of one agreement version: a W3C ODRL 2.2 `Agreement` in JSON-LD, using
 * the W3C Data Privacy Vocabulary (DPV 2.x) for purposes, personal data categories, legal bases and
 * data subjects. docs/odrl-mapping.md lists every field and code with its term, and says where the
 * mapping is approximate.
 *
 * Shape, in brief: one `permission` per flow and sender → recipient pair to share, a `prohibition` or
 * `permission` on onward sharing (odrl/flow-rules.ts), and an `obligation` to review the agreement by
 * its next review date.
 *
 * Safeshare's own codes are kept beside the DPV terms, under the `safeshare:` prefix (a URN namespace:
 * stable across deployments, deliberately not dereferenceable).
 *
 * Pure: builds an object from the document, no I/O. The vocabulary (context and DPV terms) is in
 * odrl/terms.ts, the rules for each flow in odrl/flow-rules.ts.
 */

export function toOdrl(doc: AgreementDocument, baseUrl: string): object {
  const base = baseUrl.replace(/\/+$/, "");
  const { content } = doc;
  const names = policyNames(doc, base);
  const { policyId, party } = names;
  const { permissions, prohibitions } = flowRules(content, names);

  const review: Node = {
    "@id": `${policyId}#review`,
    "@type": "Duty",
    action: "reviewPolicy",
    assigner: party(doc.owner.id),
    assignee: party(doc.owner.id),
    target: ref(policyId),
    constraint: [
      doc.nextReviewDate
        ? { leftOperand: "dateTime", operator: "lteq", rightOperand: typed(doc.nextReviewDate, "xsd:date") }
        : {
            leftOperand: "elapsedTime",
            operator: "lteq",
            rightOperand: typed(monthsDuration(content.review.intervalMonths), "xsd:duration"),
          },
    ],
    "safeshare:reviewIntervalMonths": content.review.intervalMonths,
  };

  const issued = issuedDate(doc);
  const policy: Node = {
    "@context": ODRL_CONTEXT,
    "@id": policyId,
    "@type": "Agreement",
    profile: DPV_ODRL_PROFILE,
    conflict: "prohibit",
    "dct:title": doc.title,
    "dct:identifier": doc.reference,
    ...(content.documentControl.summary ? { "dct:description": content.documentControl.summary } : {}),
    "owl:versionInfo": String(doc.version),
    ...(issued ? { "dct:issued": typed(issued, "xsd:date") } : {}),
    "dct:publisher": party(doc.owner.id),
    "safeshare:status": doc.status,
    "safeshare:statusLabel": AGREEMENT_STATUS_LABELS[doc.status],
    "safeshare:versionState": doc.versionState,
    "safeshare:tier": doc.tier,
    ...(doc.parent
      ? {
          "safeshare:parentAgreement": ref(
            `${base}/api/v1/agreements/${doc.parent.id}${doc.parent.version ? `/versions/${doc.parent.version}` : ""}`,
          ),
        }
      : {}),
    ...(doc.inherited.length ? { "safeshare:inheritedSections": doc.inherited } : {}),
    ...(doc.nextReviewDate ? { "safeshare:nextReviewDate": typed(doc.nextReviewDate, "xsd:date") } : {}),
    "dpv:hasApplicableLaw": [ref("legal-gb:law-GDPR"), ref("legal-gb:law-DPA")],
    "dpv:hasDataSubject": content.dataSubjects.kinds.map((kind) => ({
      "@id": `safeshare:subject/${kind}`,
      "skos:prefLabel": SUBJECT_KIND_LABELS[kind],
      "skos:broader": SUBJECT_TERMS[kind].map(ref),
    })),
    ...(content.dpia.reference
      ? {
          "dpv:hasOrganisationalMeasure": {
            "@type": "dpv:DPIA",
            "dct:identifier": content.dpia.reference,
            ...(content.dpia.completedOn ? { "dct:date": typed(content.dpia.completedOn, "xsd:date") } : {}),
          },
        }
      : {}),
    ...(content.breach.notifyOriginatorWithinHours !== null
      ? { "safeshare:breachNotifyOriginatorWithinHours": content.breach.notifyOriginatorWithinHours }
      : {}),
    "safeshare:dspToolkit": content.security.dspToolkit,
    "safeshare:recipientNotification": content.rights.recipientNotification,
    permission: permissions,
    prohibition: prohibitions,
    obligation: [review],
  };
  return policy;
}

/** When this version took effect: its in-force date, or (signed but superseded) its last signature, as a UK date. */
function issuedDate(doc: AgreementDocument): string | null {
  if (doc.inForceVersion === doc.version && doc.inForceSince) return doc.inForceSince.slice(0, 10);
  if (doc.versionState !== "SIGNED") return null;
  const signedAt = doc.signatures
    .filter((s) => s.version === doc.version)
    .map((s) => s.signedAt)
    .sort()
    .at(-1);
  return signedAt ? ukDay(signedAt) : null;
}
