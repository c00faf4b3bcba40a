import type { AgreementDocument } from "./document";

/**
 * What a partner system must send to share under an agreement (issue 20), read from its effective
 * terms: each flow with the organisations it runs from and to and the data items it carries (an empty
 * list in the agreement means every party, or every item), the purposes, and each party's lawful bases.
 */
export function flowsOf(doc: AgreementDocument) {
  const { content } = doc;
  const party = (organisationId: string) => ({ organisationId, name: doc.organisations[organisationId]?.name ?? "" });
  const parties = content.parties.map((p) => p.organisationId);
  return {
    purposes: content.purposes.items.map((p) => ({ code: p.code, description: p.description })),
    flows: content.flows.map((f) => ({
      key: f.key,
      description: f.description,
      from: (f.fromOrganisationIds.length ? f.fromOrganisationIds : parties).map(party),
      to: (f.toOrganisationIds.length ? f.toOrganisationIds : parties).map(party),
      dataItems: content.dataItems
        .filter((d) => !f.dataItemKeys.length || f.dataItemKeys.includes(d.key))
        .map((d) => ({
          key: d.key,
          name: d.name,
          category: d.category,
          specialCategory: d.specialCategory,
          criminalOffence: d.criminalOffence,
        })),
      onwardDisclosure: f.onwardDisclosure,
      retentionMonths: f.retentionMonths,
    })),
    lawfulBases: content.legalBasis.map((b) => ({ organisationId: b.organisationId, article6: b.article6, article9: b.article9 })),
  };
}
