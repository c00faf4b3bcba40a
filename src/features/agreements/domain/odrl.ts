import { ukDay } from "../../../platform/dates/calendar";
import { type ItemCategory, SUBJECT_KIND_LABELS, type SubjectKind } from "../../records/domain/information";
import type { DataItem, Flow, LegalBasis } from "./content";
import type { AgreementDocument } from "./document";
import { ARTICLE_6_LABELS, ARTICLE_9_10_LABELS, type Article6, type Article9or10 } from "./lawful-basis";
import { AGREEMENT_STATUS_LABELS } from "./lifecycle";
import { PURPOSE_LABELS, type PurposeCode } from "./purposes";

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
 * Pure: builds an object from the document, no I/O.
 */

const NAMESPACES = {
  dpv: "https://w3id.org/dpv#",
  pd: "https://w3id.org/dpv/pd#",
  "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
  "legal-gb": "https://w3id.org/dpv/legal/gb#",
  "sector-health": "https://w3id.org/dpv/sector/health#",
  "sector-law": "https://w3id.org/dpv/sector/law#",
  "dpv-odrl": "https://w3id.org/dpv/mappings/odrl#",
  dct: "http://purl.org/dc/terms/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  owl: "http://www.w3.org/2002/07/owl#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  safeshare: "urn:safeshare:",
} as const;

/** The ODRL 2.2 JSON-LD context, then the prefixes this export uses. */
export const ODRL_CONTEXT = ["http://www.w3.org/ns/odrl.jsonld", NAMESPACES] as const;

/** The DPV-ODRL mapping (draft) declares DPV concepts such as legal basis as ODRL left operands. */
const DPV_ODRL_PROFILE = "https://w3id.org/dpv/mappings/odrl#";

/** The share action: DPV's "Share" processing, used as an ODRL action through the DPV-ODRL profile. */
const SHARE_ACTION = "dpv:Share";

// ---- Mapping tables (docs/odrl-mapping.md mirrors these) ----

/** Each Safeshare purpose as a narrower concept of the closest DPV purpose(s). */
export const PURPOSE_TERMS: Record<PurposeCode, readonly string[]> = {
  EARLY_HELP: ["dpv:PublicBenefit"],
  CHILD_IN_NEED_S17: ["dpv:PublicBenefit"],
  CHILD_PROTECTION_S47: ["dpv:PublicBenefit"],
  MASH_CHECK: ["dpv:PublicBenefit"],
  SCHOOL_TRANSFER: ["dpv:PublicBenefit", "dpv:RecordManagement"],
  CRIME_PREVENTION: ["dpv:PublicBenefit", "sector-law:CrimeDetection"],
  HEALTH_CARE: ["sector-health:HealthcareManagement"],
  OTHER: ["dpv:Purpose"],
};

/** Article 6 bases as DPV's EU GDPR legal bases (the UK GDPR keeps the EU numbering). */
export const ARTICLE_6_TERMS: Record<Article6, string> = {
  A6_1A_CONSENT: "eu-gdpr:A6-1-a",
  A6_1C_LEGAL_OBLIGATION: "eu-gdpr:A6-1-c",
  A6_1D_VITAL_INTERESTS: "eu-gdpr:A6-1-d",
  A6_1E_PUBLIC_TASK: "eu-gdpr:A6-1-e",
  A6_1F_LEGITIMATE_INTERESTS: "eu-gdpr:A6-1-f",
  // UK-only (DUAA 2025 inserted Art 6(1)(ea)); DPV has no term, so the broader concept.
  A6_1EA_RECOGNISED_LI_SAFEGUARDING: "dpv:LegitimateInterest",
};

/** Article 9 / 10 conditions; the DPA18 Schedule 1 paragraph stays in the Safeshare code. */
export const ARTICLE_9_10_TERMS: Record<Article9or10, string> = {
  A9_2A_EXPLICIT_CONSENT: "eu-gdpr:A9-2-a",
  A9_2B_S1P1_SOCIAL_PROTECTION: "eu-gdpr:A9-2-b",
  A9_2C_VITAL_INTERESTS_INCAPABLE: "eu-gdpr:A9-2-c",
  A9_2G_S1P6_STATUTORY: "eu-gdpr:A9-2-g",
  A9_2G_S1P10_PREVENTING_CRIME: "eu-gdpr:A9-2-g",
  A9_2G_S1P18_SAFEGUARDING: "eu-gdpr:A9-2-g",
  A9_2H_S1P2_HEALTH_SOCIAL_CARE: "eu-gdpr:A9-2-h",
  // No DPV legal-basis term for Article 10 or for DPA18 Part 3 (law enforcement processing).
  A10_SCHEDULE1_CRIMINAL: "dpv:LegalBasis",
  LE_S35_SCH8P4_SAFEGUARDING: "dpv:LegalBasis",
};

/** Data item categories as DPV personal data categories (PD extension). */
export const ITEM_CATEGORY_TERMS: Record<ItemCategory, string> = {
  education: "pd:School",
  health: "pd:Health",
  police: "pd:Criminal",
  social_care: "dpv:PersonalData",
  family_circumstances: "pd:Family",
  housing: "pd:PhysicalAddress",
  other: "dpv:PersonalData",
};

/** Data subject kinds as DPV data subject concepts. */
export const SUBJECT_TERMS: Record<SubjectKind, readonly string[]> = {
  CHILD: ["dpv:Child", "dpv:VulnerableDataSubject"],
  UNBORN_CHILD: ["dpv:Child", "dpv:VulnerableDataSubject"],
  PARENT_CARER: ["dpv:ParentOfDataSubject", "dpv:GuardianOfDataSubject"],
  SIBLING: ["dpv:DataSubject"],
  HOUSEHOLD_MEMBER: ["dpv:DataSubject"],
  ALLEGED_PERPETRATOR: ["dpv:DataSubject"],
  OTHER: ["dpv:DataSubject"],
};

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
