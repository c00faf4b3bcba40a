/**
 * The ODRL export's rules for each flow: one `permission` per sender → recipient pair (ODRL allows one
 * assigner and one assignee per rule; a flow with no senders or recipients listed means any party),
 * action `dpv:Share`, target an `AssetCollection` of the flow's data items, constraints on purpose,
 * recipient and the sender's legal basis, and a `delete` duty at the end of the retention period;
 * then a `prohibition` on onward sharing where the flow says it is not permitted, or an onward
 * `permission` (with an `obtainConsent` duty where the originator must agree).
 */
import type { AgreementContent, DataItem, Flow, LegalBasis } from "../content";
import { ARTICLE_6_LABELS, ARTICLE_9_10_LABELS, type Article6, type Article9or10 } from "../lawful-basis";
import { PURPOSE_LABELS } from "../purposes";
import { monthsDuration, type Node, type PolicyNames, ref, typed } from "./nodes";
import { ARTICLE_6_TERMS, ARTICLE_9_10_TERMS, ITEM_CATEGORY_TERMS, PURPOSE_TERMS, SHARE_ACTION } from "./terms";

export function flowRules(
  content: AgreementContent,
  { policyId, orgUri, party }: PolicyNames,
): { permissions: Node[]; prohibitions: Node[] } {
  const partyIds = content.parties.map((p) => p.organisationId);

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
  return { permissions, prohibitions };
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
