import { ukDay } from "../../../platform/dates/calendar";
import { SUBJECT_KIND_LABELS } from "../../records/domain/information";
import type { DataItem, Flow, LegalBasis } from "./content";
import type { AgreementDocument } from "./document";
import { ARTICLE_6_LABELS, ARTICLE_9_10_LABELS, type Article6, type Article9or10 } from "./lawful-basis";
import { AGREEMENT_STATUS_LABELS } from "./lifecycle";
import {
  ARTICLE_6_TERMS,
  ARTICLE_9_10_TERMS,
  DPV_ODRL_PROFILE,
  ITEM_CATEGORY_TERMS,
  ODRL_CONTEXT,
  PURPOSE_TERMS,
  SHARE_ACTION,
  SUBJECT_TERMS,
} from "./odrl/terms";
import { PURPOSE_LABELS } from "./purposes";

/**
 * Machine-readable export of one agreement version: a W3C ODRL 2.2 `Agreement` in JSON-LD, using
 * the W3C Data Privacy Vocabulary (DPV 2.x) for purposes, personal data categories, legal bases and
 * data subjects. docs/odrl-mapping.md lists every field and code with its term, and says where the
 * mapping is approximate.
 *
 * Shape, in brief:
 *  - one `permission` per flow and sender → recipient pair (ODRL allows one assigner and one assignee
 *    per rule; a flow with no senders or recipients listed means any party), action `dpv:Share`,
 *    target an `AssetCollection` of the flow's data items, constraints on purpose, recipient and the
 *    sender's legal basis, and a `delete` duty at the end of the retention period;
 *  - a `prohibition` on onward sharing where the flow says it is not permitted, and an onward
 *    `permission` (with an `obtainConsent` duty where the originator must agree) otherwise;
 *  - an `obligation` to review the agreement by its next review date.
 *
 * Safeshare's own codes are kept beside the DPV terms, under the `safeshare:` prefix (a URN namespace:
 * stable across deployments, deliberately not dereferenceable).
 *
 * Pure: builds an object from the document, no I/O. The vocabulary (context and DPV terms) is in
 * odrl/terms.ts.
 */

/** Retention as an ISO 8601 duration in months, e.g. 72 → "P72M". */
export function monthsDuration(months: number): string {
  return `P${months}M`;
}

// ---- The export ----

type Node = Record<string, unknown>;

const ref = (iri: string): Node => ({ "@id": iri });
const typed = (value: string, type: string): Node => ({ "@value": value, "@type": type });

export function toOdrl(doc: AgreementDocument, baseUrl: string): object {
  const base = baseUrl.replace(/\/+$/, "");
  const policyId = `${base}/api/v1/agreements/${doc.agreementId}/versions/${doc.version}`;
  const { content } = doc;
  const partyIds = content.parties.map((p) => p.organisationId);
  const orgUri = (organisationId: string) => `${base}/api/v1/organisations/${organisationId}`;

  const party = (organisationId: string): Node => {
    const org = doc.organisations[organisationId];
    const role = content.parties.find((p) => p.organisationId === organisationId);
    const node: Node = {
      "@id": orgUri(organisationId),
      "@type": ["Party", role?.controllerRelationship === "PROCESSOR" ? "dpv:DataProcessor" : "dpv:DataController"],
      "vcard:fn": org?.name ?? organisationId,
    };
    if (role) node["safeshare:controllerRelationship"] = role.controllerRelationship;
    if (org?.icoRegistration) node["safeshare:icoRegistration"] = org.icoRegistration;
    return node;
  };

  const asset = (item: DataItem): Node => {
    const types = ["Asset", ITEM_CATEGORY_TERMS[item.category]];
    if (item.specialCategory) types.push("dpv:SpecialCategoryPersonalData");
    if (item.criminalOffence) types.push("pd:CriminalOffense");
    return {
      "@id": `${policyId}#item/${item.key}`,
      "@type": [...new Set(types)],
      "dct:title": item.name,
      "safeshare:key": item.key,
      "safeshare:category": item.category,
      "safeshare:itemKind": item.kind,
      "safeshare:mayIncludeProtectedIdentity": item.mayIncludeProtectedIdentity,
    };
  };

  const flowItems = (flow: Flow): DataItem[] =>
    flow.dataItemKeys.length === 0 ? content.dataItems : content.dataItems.filter((i) => flow.dataItemKeys.includes(i.key));

  const collectionId = (flow: Flow) => `${policyId}#flow/${flow.key}/data`;
  const collection = (flow: Flow): Node => ({
    "@id": collectionId(flow),
    "@type": "AssetCollection",
    "dct:title": flow.description || `Data items shared under flow "${flow.key}"`,
    "dct:hasPart": flowItems(flow).map((item) => ({ ...asset(item), partOf: collectionId(flow) })),
  });

  const purposeConcepts = content.purposes.items.map((p) => ({
    "@id": `safeshare:purpose/${p.code}`,
    "@type": "dpv:Purpose",
    "skos:prefLabel": PURPOSE_LABELS[p.code],
    "skos:broader": PURPOSE_TERMS[p.code].map(ref),
    ...(p.description ? { "dct:description": p.description } : {}),
  }));

  const purposeConstraint = (): Node | null =>
    purposeConcepts.length ? { leftOperand: "purpose", operator: "isAnyOf", rightOperand: purposeConcepts } : null;

  const basisConcept = (code: Article6 | Article9or10, dpvTerm: string, label: string): Node => ({
    "@id": `safeshare:basis/${code}`,
    "@type": "dpv:LegalBasis",
    "skos:prefLabel": label,
    "skos:broader": ref(dpvTerm),
  });

  const legalBasisConstraints = (basis: LegalBasis | undefined, flow: Flow): Node[] => {
    if (!basis) return [];
    const constraints: Node[] = [];
    if (basis.article6.length) {
      constraints.push({
        leftOperand: "dpv-odrl:LegalBasis",
        operator: "isAnyOf",
        rightOperand: basis.article6.map((c) => basisConcept(c, ARTICLE_6_TERMS[c], ARTICLE_6_LABELS[c])),
      });
    }
    const sensitive = flowItems(flow).some((i) => i.specialCategory || i.criminalOffence);
    if (sensitive && basis.article9.length) {
      constraints.push({
        leftOperand: "dpv-odrl:LegalBasis",
        operator: "isAnyOf",
        rightOperand: basis.article9.map((c) => basisConcept(c, ARTICLE_9_10_TERMS[c], ARTICLE_9_10_LABELS[c])),
      });
    }
    return constraints;
  };

  const permissions: Node[] = [];
  const prohibitions: Node[] = [];
  for (const flow of content.flows) {
    const retention = flow.retentionMonths ?? content.retention.defaultMonths;
    const disposal = flow.disposalMethod || content.retention.disposalMethod;
    for (const [from, to] of pairs(flow, partyIds)) {
      const basis = content.legalBasis.find((b) => b.organisationId === from);
      const pairId = `${policyId}#flow/${flow.key}/${from}/${to}`;
      const constraints = [
        purposeConstraint(),
        { leftOperand: "recipient", operator: "eq", rightOperand: ref(orgUri(to)) },
        ...legalBasisConstraints(basis, flow),
      ];
      const share: Node = {
        "@id": pairId,
        "@type": "Permission",
        "safeshare:flow": flow.key,
        "safeshare:rule": "share",
        ...(flow.description ? { "dct:description": flow.description } : {}),
        assigner: party(from),
        assignee: party(to),
        action: SHARE_ACTION,
        target: collection(flow),
        constraint: constraints.filter((c): c is Node => c !== null),
        "safeshare:transferMethod": flow.transferMethod,
        "safeshare:frequency": flow.frequency,
        "safeshare:onwardDisclosure": flow.onwardDisclosure,
      };
      if (basis) {
        share["safeshare:gateways"] = basis.gateways;
        share["safeshare:commonLaw"] = basis.commonLaw;
        if (basis.para18Reason) share["safeshare:para18Reason"] = basis.para18Reason;
        if (basis.apdReference) share["safeshare:apdReference"] = basis.apdReference;
      }
      if (retention !== null) {
        share["dpv:hasStorageCondition"] = {
          "@type": "dpv:StorageDuration",
          "rdf:value": typed(monthsDuration(retention), "xsd:duration"),
        };
        share.duty = [
          {
            "@type": "Duty",
            action: "delete",
            assignee: party(to),
            constraint: [{ leftOperand: "elapsedTime", operator: "lteq", rightOperand: typed(monthsDuration(retention), "xsd:duration") }],
            ...(disposal ? { "dct:description": disposal } : {}),
          },
        ];
      }
      permissions.push(share);

      // What the recipient may do with what it received from this sender.
      const fromSender = { leftOperand: "dpv-odrl:DataSource", operator: "eq", rightOperand: ref(orgUri(from)) };
      if (flow.onwardDisclosure === "NOT_PERMITTED") {
        prohibitions.push({
          "@id": `${pairId}/onward`,
          "@type": "Prohibition",
          "safeshare:flow": flow.key,
          "safeshare:rule": "onward",
          assigner: party(from),
          assignee: party(to),
          action: SHARE_ACTION,
          target: collectionId(flow),
          constraint: [fromSender],
        });
      } else {
        permissions.push({
          "@id": `${pairId}/onward`,
          "@type": "Permission",
          "safeshare:flow": flow.key,
          "safeshare:rule": "onward",
          assigner: party(from),
          assignee: party(to),
          action: SHARE_ACTION,
          target: collectionId(flow),
          constraint: [fromSender, purposeConstraint()].filter((c): c is Node => c !== null),
          ...(flow.onwardDisclosure === "WITH_ORIGINATOR_CONSENT"
            ? { duty: [{ "@type": "Duty", action: "obtainConsent", consentingParty: party(from) }] }
            : {}),
        });
      }
    }
  }

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

/**
 * Sender → recipient pairs of a flow. Empty senders or recipients mean any party; a party never
 * shares with itself. Ordered as the parties are, so the export is stable.
 */
function pairs(flow: Flow, partyIds: string[]): [string, string][] {
  const senders = flow.fromOrganisationIds.length ? flow.fromOrganisationIds : partyIds;
  const recipients = flow.toOrganisationIds.length ? flow.toOrganisationIds : partyIds;
  const result: [string, string][] = [];
  for (const from of senders) for (const to of recipients) if (from !== to) result.push([from, to]);
  return result;
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
