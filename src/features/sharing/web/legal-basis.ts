import { message } from "../../../platform/messages";
import {
  ARTICLE_6_LABELS,
  ARTICLE_9_10_LABELS,
  type Article9or10,
  COMMON_LAW_ROUTE_LABELS,
  GATEWAY_LABELS,
  PARA_18_REASON_LABELS,
  type PurposeCode,
} from "../../agreements/domain";
import { SHARING_MESSAGES } from "../domain/messages";
import type { AgreementForShare } from "../services/agreement-terms";
import { type Answers, getAt, setAt } from "./answers";

/**
 * The legal basis a share takes from its agreement (issue 18): the agreement's terms for this share
 * become the answers, and the practitioner confirms them from a plain-English summary instead of
 * choosing among six Article 6 bases and nine Article 9/10 conditions. The same evaluation then
 * checks the recorded answers against the same agreement.
 */

const words = SHARING_MESSAGES.en;

const LAWFUL_BASIS_PATHS = ["article6", "article9", "para18Reason", "apdReference", "commonLaw", "gateway", "gatewayOther"].map(
  (p) => `/lawfulBasis/${p}`,
);
/** A new agreement (or none, or a new version of it) cannot keep the legal basis taken from the old one. */
export const withoutLegalBasis = (answers: Answers) =>
  [...LAWFUL_BASIS_PATHS, "/recipient/agreementVersion"].reduce((a, p) => setAt(a, p, undefined), answers);

/**
 * The answers the agreement gives, for each part of the legal basis not already answered (a change the
 * practitioner made stays). Answers taken from a version no longer in force are not kept: the
 * practitioner confirms the terms in force, and the decision cites the version they come from.
 */
export function prefillFromAgreement(answers: Answers, agreement: AgreementForShare): Answers {
  const t = agreement.terms;
  const given: [string, unknown][] = [
    ["/lawfulBasis/article6", t.article6],
    ["/lawfulBasis/article9", t.article9],
    ["/lawfulBasis/para18Reason", t.article9.includes("A9_2G_S1P18_SAFEGUARDING") ? t.para18Reason : undefined],
    ["/lawfulBasis/apdReference", t.article9.includes("A9_2G_S1P18_SAFEGUARDING") ? t.apdReference || undefined : undefined],
    ["/lawfulBasis/commonLaw", t.commonLaw],
    ["/lawfulBasis/gateway", t.gateway],
    ["/lawfulBasis/gatewayOther", t.gateway === "OTHER" ? t.gatewayOther || undefined : undefined],
    ["/recipient/agreementVersion", agreement.version],
  ];
  const cited = getAt(answers, "/recipient/agreementVersion");
  let filled = cited !== undefined && cited !== agreement.version ? withoutLegalBasis(answers) : answers;
  for (const [path, value] of given) {
    if (getAt(filled, path) === undefined && value !== null && value !== undefined) filled = setAt(filled, path, value);
  }
  return filled;
}

/** "school, family and identifying": the kinds of information, as a teacher would say them. */
function kindsInWords(agreement: AgreementForShare): string {
  const nouns = [...new Set(agreement.terms.categories.map((c) => words.categoryNoun[c]))];
  if (!nouns.length) return words.agreementSummary.anyKinds;
  const list = nouns.length === 1 ? nouns[0]! : `${nouns.slice(0, -1).join(", ")} and ${nouns.at(-1)}`;
  return message(SHARING_MESSAGES.en, "agreementSummary.kindsLast", { list });
}

/**
 * "You are sharing under the Westshire MASH agreement, which says you can share health and school
 * information with children's social care to protect a child, without consent where asking would put
 * the child at risk."
 */
export function agreementSentence(agreement: AgreementForShare, answers: Answers): string {
  const purpose = getAt(answers, "/purpose/code") as PurposeCode | undefined;
  const reason = getAt(answers, "/lawfulBasis/para18Reason") as keyof typeof words.consentPhrase | undefined;
  // Through the catalogue's message(), which fills each placeholder once and takes a title like
  // "Children & Families $1" as written (String.replace would read "$1" and "$&" as patterns).
  return message(SHARING_MESSAGES.en, "agreementSummary.sentence", {
    agreement: agreement.title,
    kinds: kindsInWords(agreement),
    recipient: agreement.recipientName,
    aim: purpose ? words.purposeAim[purpose] : words.agreementSummary.aimUnknown,
    consent: reason ? words.consentPhrase[reason] : "",
  });
}

/** The legal basis as it will be recorded, each part named for a person and its formal name beside it. */
export function basisRows(answers: Answers): { label: string; value: string }[] {
  const b = (path: string) => getAt(answers, `/lawfulBasis/${path}`);
  const article6 = b("article6") as keyof typeof ARTICLE_6_LABELS | undefined;
  const article9 = (b("article9") as Article9or10[] | undefined) ?? [];
  const para18 = b("para18Reason") as keyof typeof PARA_18_REASON_LABELS | undefined;
  const commonLaw = b("commonLaw") as keyof typeof COMMON_LAW_ROUTE_LABELS | undefined;
  const gateway = b("gateway") as keyof typeof GATEWAY_LABELS | undefined;
  const rows = [
    { label: "Why the law lets you share it", value: article6 ? `${words.article6Hint[article6]} (${ARTICLE_6_LABELS[article6]})` : "" },
    {
      label: "For sensitive information",
      value: article9.map((c) => ARTICLE_9_10_LABELS[c]).join("; "),
    },
    { label: "Why consent is not relied on", value: para18 ? PARA_18_REASON_LABELS[para18] : "" },
    { label: "Your organisation's policy document", value: String(b("apdReference") ?? "") },
    { label: "If it was told in confidence", value: commonLaw ? COMMON_LAW_ROUTE_LABELS[commonLaw] : "" },
    {
      label: "The power or duty relied on",
      value: gateway ? (gateway === "OTHER" ? String(b("gatewayOther") ?? "") : GATEWAY_LABELS[gateway]) : "",
    },
  ];
  return rows.filter((r) => r.value);
}
