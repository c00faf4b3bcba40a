/**
 * Why information is shared and on what footing: the purposes section, and each party's legal basis
 * with its codes shown after their labels.
 */
import type { AgreementContent } from "../content";
import { ARTICLE_6_LABELS, ARTICLE_9_10_LABELS, COMMON_LAW_ROUTE_LABELS, GATEWAY_LABELS, PARA_18_REASON_LABELS } from "../lawful-basis";
import { PURPOSE_LABELS } from "../purposes";
import { type Block, labelled, lines, NOT_STATED, type OrganisationName, text } from "./blocks";

export function purposes(c: AgreementContent): Block[] {
  return [
    c.purposes.items.length
      ? {
          kind: "table",
          caption: "Purposes",
          head: ["Purpose", "Description"],
          rows: c.purposes.items.map((p) => [PURPOSE_LABELS[p.code], text(p.description)]),
        }
      : { kind: "rows", rows: [{ label: "Purposes", value: NOT_STATED }] },
    {
      kind: "rows",
      rows: [
        { label: "Benefits", value: text(c.purposes.benefits) },
        { label: "Harm of not sharing", value: text(c.purposes.harmOfNotSharing) },
      ],
    },
  ];
}

export function legalBasis(c: AgreementContent, orgName: OrganisationName): Block[] {
  if (!c.legalBasis.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return c.legalBasis.map((basis) => {
    const usesPara18 = basis.article9.includes("A9_2G_S1P18_SAFEGUARDING");
    return {
      kind: "rows",
      heading: orgName(basis.organisationId),
      rows: [
        { label: "Statutory gateways", value: lines(basis.gateways.map((g) => labelled(GATEWAY_LABELS, g))) },
        ...(basis.gateways.includes("OTHER") || basis.gatewayOther.trim()
          ? [{ label: "Other gateway", value: text(basis.gatewayOther) }]
          : []),
        { label: "Article 6 basis", value: lines(basis.article6.map((a) => labelled(ARTICLE_6_LABELS, a))) },
        { label: "Article 9 or 10 condition", value: lines(basis.article9.map((a) => labelled(ARTICLE_9_10_LABELS, a))) },
        {
          label: "Why consent is not relied on (Sch 1 para 18)",
          value: basis.para18Reason ? labelled(PARA_18_REASON_LABELS, basis.para18Reason) : usesPara18 ? NOT_STATED : "Not applicable",
        },
        { label: "Appropriate Policy Document", value: text(basis.apdReference) },
        { label: "Common law duty of confidence", value: lines(basis.commonLaw.map((r) => labelled(COMMON_LAW_ROUTE_LABELS, r))) },
        { label: "Notes", value: text(basis.notes) },
      ],
    };
  });
}
