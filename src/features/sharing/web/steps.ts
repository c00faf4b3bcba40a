import { optionsOf } from "../../../platform/web-kit/forms";
import {
  ARTICLE_6,
  ARTICLE_6_LABELS,
  ARTICLE_9_10,
  ARTICLE_9_10_LABELS,
  type Article6,
  type Article9or10,
  COMMON_LAW_ROUTE_LABELS,
  COMMON_LAW_ROUTES,
  type CommonLawRoute,
  GATEWAY_LABELS,
  GATEWAYS,
  PARA_18_REASON_LABELS,
  PARA_18_REASONS,
} from "../../agreements/domain";
import { SHARING_MESSAGES } from "../domain/messages";
import {
  CAPACITY,
  CAPACITY_LABELS,
  CONSENT_STATUS_LABELS,
  NOT_SOUGHT_REASONS,
  type NotSoughtReason,
  OUTCOME_LABELS,
  OUTCOMES,
  RECIPIENT_ROLE_LABELS,
  RECIPIENT_ROLES,
} from "../domain/vocabulary";
import { type Answers, getAt, setAt } from "./answers";
import { choose, type FieldDef, fixed, type StepDef, text, when, yes } from "./step-fields";

/**
 * The share decision wizard's questions (docs/domain.md §4), as data, in the order they are asked:
 * each step is a GOV.UK question page, each field names the answer's path in the decision
 * (decision-input.ts), so one template renders them all, one parser reads them back, and a rule
 * finding about an answer links to the page that asks it.
 *
 * The order makes the right share the easy path (issue 18): whether it is an emergency (the gate, its
 * own page), who it goes to, then the decision itself, so only the parts that apply are asked. A
 * decision not to share needs its purpose, its reasons and the advice. A share under an agreement
 * takes its legal basis from the agreement's terms, which the practitioner confirms on one page
 * (legal-basis.ts); a one-off share asks each part of the legal basis on a page of its own.
 */

const words = SHARING_MESSAGES.en;
const withHints = <K extends string>(values: readonly K[], labels: Record<K, string>, hints: Record<K, string>) =>
  values.map((value) => ({ value, text: labels[value], hint: hints[value] }));

/** Whether the decision shares anything: an emergency share already made always did. */
const isSharing = (a: Answers) => {
  const outcome = getAt(a, "/decision/outcome");
  return outcome === "SHARE" || outcome === "PARTIAL_SHARE" || getAt(a, "/emergency/immediateRisk") === true;
};
/** Whether an agreement is cited: then its terms give the legal basis. */
export const underAgreement = (a: Answers) => typeof getAt(a, "/recipient/agreementId") === "string";

/** Where consent stands and, if it was not asked for, why: one choice, two answers. */
const consentField: FieldDef = {
  path: "/transparency/consent",
  kind: "radios",
  label: "Where does consent stand?",
  hint: "You do not need consent to share to protect a child, and it is usually not the right basis. Do not ask for it if asking would put the child at risk.",
  options: fixed([
    { value: "GIVEN", text: CONSENT_STATUS_LABELS.GIVEN },
    { value: "REFUSED", text: CONSENT_STATUS_LABELS.REFUSED },
    { value: "WITHDRAWN", text: CONSENT_STATUS_LABELS.WITHDRAWN },
    ...NOT_SOUGHT_REASONS.map((r) => ({ value: `NOT_SOUGHT:${r}`, text: words.consentNotSoughtChoice[r] })),
  ]),
  codec: {
    paths: ["/transparency/consentStatus", "/transparency/consentNotSoughtReason"],
    read: (a) => {
      const status = getAt(a, "/transparency/consentStatus") as string | undefined;
      const reason = getAt(a, "/transparency/consentNotSoughtReason") as string | undefined;
      return status === "NOT_SOUGHT" && reason ? `NOT_SOUGHT:${reason}` : status;
    },
    write: (a, value) => {
      const [status, reason] = (value ?? "").split(":") as [string, NotSoughtReason | undefined];
      return setAt(
        setAt(a, "/transparency/consentStatus", status || undefined),
        "/transparency/consentNotSoughtReason",
        status === "NOT_SOUGHT" ? reason : undefined,
      );
    },
  },
};

/** The legal basis questions, with hints written for someone who is not a lawyer; asked one per page without an agreement. */
const article6Field = choose(
  "/lawfulBasis/article6",
  "radios",
  "What is your lawful basis for sharing?",
  fixed(withHints<Article6>(ARTICLE_6, ARTICLE_6_LABELS, words.article6Hint)),
  "The reason the law lets you share personal information. Ask your IG lead if none of these fits.",
);
const article9Field = choose(
  "/lawfulBasis/article9",
  "checkboxes",
  "Which conditions cover the sensitive information?",
  fixed(withHints<Article9or10>(ARTICLE_9_10, ARTICLE_9_10_LABELS, words.article9Hint)),
  "Only needed if any of it is about health, ethnicity, religion or sexuality, or about a crime. Leave them all unticked otherwise.",
);
const para18Fields = [
  when(
    "/lawfulBasis/article9",
    "A9_2G_S1P18_SAFEGUARDING",
    choose(
      "/lawfulBasis/para18Reason",
      "radios",
      "Why you are not relying on consent",
      fixed(optionsOf(PARA_18_REASONS, PARA_18_REASON_LABELS)),
    ),
  ),
  when(
    "/lawfulBasis/article9",
    "A9_2G_S1P18_SAFEGUARDING",
    text(
      "/lawfulBasis/apdReference",
      "Your organisation's appropriate policy document reference",
      "Your data protection officer or IG lead has it: a short reference such as WSS-APD-1",
      "text",
    ),
  ),
];
const commonLawField = choose(
  "/lawfulBasis/commonLaw",
  "radios",
  "How is the duty of confidence met?",
  fixed(withHints<CommonLawRoute>(COMMON_LAW_ROUTES, COMMON_LAW_ROUTE_LABELS, words.commonLawHint)),
  "Information told in confidence can be shared when the person agrees, a law requires it, or protecting someone matters more.",
);
const gatewayFields = [
  choose(
    "/lawfulBasis/gateway",
    "radios",
    "Which power or duty lets your organisation share it?",
    fixed(optionsOf(GATEWAYS, GATEWAY_LABELS)),
    "Schools usually rely on the Education Act 2002 s175; most partners on the Children Act 2004 s11",
  ),
  when("/lawfulBasis/gateway", "OTHER", text("/lawfulBasis/gatewayOther", "Describe the power or duty", undefined, "text")),
];

export const STEPS: StepDef[] = [
  {
    key: "recipient",
    title: "Who it goes to",
    fields: [
      choose("/recipient/organisationId", "select", "Which organisation?", (c) => c.organisations),
      choose(
        "/recipient/role",
        "radios",
        "What is the recipient's role?",
        fixed(optionsOf(RECIPIENT_ROLES, RECIPIENT_ROLE_LABELS)),
        "Only people with a safeguarding or support role may receive it",
      ),
    ],
  },
  {
    // Asked only when more than one agreement in force covers both organisations: with one, it is chosen for you.
    key: "agreement",
    title: "The agreement that covers it",
    intro: "Listed here are the data sharing agreements in force that both your organisation and the recipient are parties to.",
    fields: [
      choose(
        "/recipient/agreementId",
        "radios",
        "Which data sharing agreement covers it?",
        (c) => c.agreements,
        "The share is checked against the version in force",
        "None: a one-off share without an agreement",
      ),
      when(
        "/recipient/agreementId",
        "none",
        yes(
          "/recipient/routine",
          "Is this routine sharing?",
          "Regular, planned sharing should be covered by a data sharing agreement; a one-off share need not be",
        ),
      ),
    ],
  },
  {
    key: "recipient-person",
    title: "The person receiving it",
    intro: "Name the person if you know who needs it. Without a name it goes to the organisation's safeguarding leads.",
    fields: [
      choose(
        "/recipient/userId",
        "radios",
        "Who should receive it?",
        (c) => c.recipientPeople,
        undefined,
        "No one named: the organisation's safeguarding leads",
      ),
    ],
  },
  {
    key: "outcome",
    title: "Your decision",
    intro: "Decide now, then record why. A decision not to share is recorded like a share, and needs fewer answers.",
    fields: [choose("/decision/outcome", "radios", "What have you decided?", fixed(optionsOf(OUTCOMES, OUTCOME_LABELS)))],
  },
  {
    key: "purpose",
    title: "Why you are sharing",
    intro: "Say what the information is for. A decision not to share needs its purpose recorded too.",
    fields: [
      choose("/purpose/code", "radios", "What is the purpose?", (c) => c.purposes),
      text("/purpose/description", "Describe the purpose", "What sharing is meant to achieve for the child"),
      choose(
        "/purpose/levelOfNeed",
        "radios",
        "Level of need (optional)",
        (c) => c.levels,
        "The threshold the decision is made at, on the partnership's scale",
      ),
      choose(
        "/purpose/concernId",
        "radios",
        "Which concern is this about? (optional)",
        (c) => c.concerns,
        undefined,
        "Not about a concern recorded here",
      ),
    ],
  },
  {
    key: "items",
    title: "What to share",
    intro: "Choose the items, not the whole file. Each shows whether it is fact or opinion, historical, or sensitive.",
    fields: [],
  },
  {
    key: "consent",
    title: "Telling the family, and consent",
    fields: [
      yes("/transparency/informed", "Have the child or family been told who you are sharing with, what and why?"),
      when(
        "/transparency/informed",
        false,
        text("/transparency/notInformedReason", "If not, why not?", "For example, telling them could place the child at risk"),
      ),
      consentField,
      when("/transparency/consent", "GIVEN", text("/transparency/consentDetails", "Who gave it, when, how, and for what")),
      text("/transparency/childViews", "The child's views and wishes (optional)"),
      choose(
        "/transparency/capacity",
        "radios",
        "Can the child (or the person the information is about) make this decision? (optional)",
        fixed(optionsOf(CAPACITY, CAPACITY_LABELS)),
      ),
      text("/transparency/parentalResponsibility", "Who holds parental responsibility? (optional)", undefined, "text"),
    ],
  },
  {
    // Under an agreement: its terms, confirmed in plain English on one page (legal-basis.ts).
    key: "legal-basis",
    title: "The legal basis, from the agreement",
    fields: [],
  },
  {
    // Under an agreement, reached from its summary only: every part of the legal basis on one page.
    key: "change-basis",
    title: "Change the legal basis",
    intro: "The agreement's terms are filled in. Change only what does not fit this share, and say why in your reasons.",
    fields: [article6Field, article9Field, ...para18Fields, commonLawField, ...gatewayFields],
  },
  {
    key: "information",
    title: "What kind of information it is",
    intro: "Without a data sharing agreement, you say what the law lets you share. Your safeguarding lead (DSL) can help.",
    fields: [
      yes("/information/personal", "Is it about a person who can be identified?", "Anything about a named child or family member is"),
      yes(
        "/information/confidential",
        "Was any of it told to you in confidence?",
        "For example, a parent telling a teacher something privately",
      ),
      when("/information/confidential", true, commonLawField),
      yes(
        "/information/thirdParty",
        "Does it include information about other people?",
        "Such as a neighbour who reported a concern, or another family member",
      ),
    ],
  },
  { key: "article6", title: "Your lawful basis", fields: [article6Field] },
  { key: "conditions", title: "Sensitive information", fields: [article9Field, ...para18Fields] },
  { key: "gateway", title: "The power or duty you rely on", fields: gatewayFields },
  {
    key: "reasons",
    title: "Your reasons",
    intro: "Record the reasons whichever way you decide.",
    fields: [
      text("/decision/reasons", "Your reasons"),
      text(
        "/decision/necessityAndProportionality",
        "Why sharing is necessary and proportionate",
        "What the recipient needs it for, and why not less",
      ),
      {
        path: "/decision/accessExpiresOn",
        kind: "date",
        label: "Until when can the recipient open it? (optional)",
        hint: "Today or later; leave blank for the partnership's default. For example, 31 3 2027",
      },
      choose(
        "/decision/otherHolderOrganisationId",
        "select",
        "Which other organisation may hold the information? (optional)",
        (c) => c.organisations,
        "Answering a request, this tells the requester where else to ask",
        "None, or not known",
      ),
    ],
  },
  {
    key: "advice",
    title: "Advice",
    intro:
      "If you are unsure, ask your designated safeguarding lead (DSL) or IG lead, without naming the child where possible. Never let waiting for advice delay an urgent share.",
    fields: [
      yes("/advice/sought", "Did you seek advice?"),
      when("/advice/sought", true, text("/advice/adviserName", "Who gave it", undefined, "text")),
      when("/advice/sought", true, text("/advice/adviserRole", "Their role", undefined, "text")),
      when("/advice/sought", true, text("/advice/advice", "What they advised")),
      when("/advice/sought", true, yes("/advice/anonymised", "Did you ask without identifying the child?")),
    ],
  },
];

export const stepOf = (key: string) => STEPS.find((s) => s.key === key);

/** Whether a step's questions apply to this decision at all (asked in turn, or reached from check your answers). */
export function stepApplies(key: string, a: Answers): boolean {
  switch (key) {
    case "recipient-person":
    case "items":
    case "consent":
      return isSharing(a);
    case "legal-basis":
    case "change-basis":
      return isSharing(a) && underAgreement(a);
    case "information":
    case "article6":
    case "conditions":
    case "gateway":
      return isSharing(a) && !underAgreement(a);
    default:
      return true;
  }
}

/** The fields of decision-only answers that the reasons step asks only one way or the other. */
const SHARING_ONLY = ["/decision/necessityAndProportionality", "/decision/accessExpiresOn"];

/** Whether a question applies: its step does, it is not a follow-up to another answer, and it fits the decision. */
export function fieldApplies(field: FieldDef, a: Answers): boolean {
  if (SHARING_ONLY.includes(field.path) && !isSharing(a)) return false;
  if (field.path === "/decision/otherHolderOrganisationId" && isSharing(a)) return false;
  if (!field.revealedBy) return true;
  const { path, value } = field.revealedBy;
  if (path === "/transparency/consent") return consentField.codec!.read(a) === value;
  const answer = getAt(a, path);
  if (value === "none") return answer === null;
  return Array.isArray(answer) ? answer.includes(value) : answer === value;
}

/**
 * The steps asked in turn for these answers: the agreement's own page only when there is a choice to
 * make (`asksAgreement`), advice in turn when not sharing or sharing without an agreement (under an
 * agreement it is offered from check your answers, and its warning says so). The person named at the
 * recipient is offered from check your answers too: without one, it goes to their safeguarding leads.
 */
export function sequenceOf(a: Answers, asksAgreement: boolean): string[] {
  return STEPS.map((s) => s.key).filter((key) => {
    if (key === "agreement") return asksAgreement;
    if (key === "recipient-person" || key === "change-basis") return false;
    if (key === "advice") return !isSharing(a) || !underAgreement(a);
    return stepApplies(key, a);
  });
}

/** Which step asks the answer a path names, for these answers: where a rule finding's link goes. */
export function stepOfPath(path: string, a: Answers = {}): string {
  if (path.startsWith("/recipient/userId")) return "recipient-person";
  if (path.startsWith("/items")) return "items";
  if (path.startsWith("/informationRequestId")) return "purpose";
  if (path.startsWith("/emergency")) return "reasons";
  const asks = (s: StepDef) => s.fields.some((f) => path.startsWith(f.path) || f.codec?.paths.some((p) => path.startsWith(p)));
  const applying = STEPS.find((s) => stepApplies(s.key, a) && asks(s)) ?? STEPS.find(asks);
  if (applying) return applying.key;
  return path.startsWith("/lawfulBasis") ? (underAgreement(a) ? "change-basis" : "article6") : "reasons";
}

/**
 * The answers as they apply: a question that does not apply (a follow-up whose answer changed, a
 * share's parts in a decision not to share) keeps no answer, so the decision records only what was
 * asked. Answers no step asks (the request answered, the emergency, the agreement's version) are kept.
 */
export function applicableAnswers(a: Answers): Answers {
  let kept = a;
  for (const step of STEPS) {
    for (const field of step.fields) {
      const paths = field.codec ? field.codec.paths : [field.path];
      const askedSomewhere = STEPS.some(
        (s) =>
          stepApplies(s.key, a) &&
          s.fields.some((f) => (f.codec ? f.codec.paths : [f.path]).some((p) => paths.includes(p)) && fieldApplies(f, a)),
      );
      if (!askedSomewhere) for (const p of paths) kept = setAt(kept, p, undefined);
    }
  }
  return isSharing(a) ? kept : setAt(kept, "/items", undefined);
}
