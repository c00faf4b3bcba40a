import type { ItemCategory } from "../../records/domain";
import type { AgreementContent } from "./content";
import type { Article6, Article9or10, CommonLawRoute, Gateway, Para18Reason } from "./lawful-basis";
import type { PurposeCode } from "./purposes";

/**
 * What an agreement says about one share, from a sender to a recipient (docs/domain.md §5): the
 * purposes it lists, the sender's legal basis (Article 6, the Article 9/10 conditions with the
 * Schedule 1 reason and the appropriate policy document, the common-law route and the power or duty),
 * and the kinds of information its flows from the sender to the recipient carry. The share decision
 * wizard prefills its answers from these, so the legal work done once by the IG leads who wrote the
 * agreement is not asked again of every practitioner; the evaluation still checks the share against it.
 */
export interface ShareTerms {
  purposes: { code: PurposeCode; description: string }[];
  /** The sender's first listed basis: an agreement lists the bases it relies on in its order of preference. */
  article6: Article6 | null;
  article9: Article9or10[];
  para18Reason: Para18Reason | null;
  apdReference: string;
  commonLaw: CommonLawRoute | null;
  gateway: Gateway | null;
  gatewayOther: string;
  /** The categories of the data items the flows from the sender to the recipient carry, in the agreement's order. */
  categories: ItemCategory[];
}

const applies = (ids: readonly string[], id: string) => ids.length === 0 || ids.includes(id);

export function termsForShare(content: AgreementContent, senderId: string, recipientId: string): ShareTerms {
  const basis = content.legalBasis.find((b) => b.organisationId === senderId);
  const flows = content.flows.filter((f) => applies(f.fromOrganisationIds, senderId) && applies(f.toOrganisationIds, recipientId));
  const keys = new Set(flows.flatMap((f) => (f.dataItemKeys.length ? f.dataItemKeys : content.dataItems.map((d) => d.key))));
  const categories = [...new Set(content.dataItems.filter((d) => keys.has(d.key)).map((d) => d.category))];
  return {
    purposes: content.purposes.items.map(({ code, description }) => ({ code, description })),
    article6: basis?.article6[0] ?? null,
    article9: basis?.article9 ?? [],
    para18Reason: basis?.para18Reason ?? null,
    apdReference: basis?.apdReference ?? "",
    commonLaw: basis?.commonLaw[0] ?? null,
    gateway: basis?.gateways[0] ?? null,
    gatewayOther: basis?.gatewayOther ?? "",
    categories,
  };
}

/**
 * How many months the recipient keeps what the sender shares under this agreement (issue 21): the
 * longest term among the flows from the sender to the recipient, else the agreement's default term;
 * null when it sets none, and the recipient's own schedule decides.
 */
export function retentionMonthsFor(content: AgreementContent, senderId: string, recipientId: string): number | null {
  const terms = content.flows
    .filter((f) => applies(f.fromOrganisationIds, senderId) && applies(f.toOrganisationIds, recipientId))
    .flatMap((f) => (f.retentionMonths === null ? [] : [f.retentionMonths]));
  return terms.length ? Math.max(...terms) : content.retention.defaultMonths;
}
