import { optionsOf } from "../../../platform/web-kit/forms";
import {
  ARTICLE_6,
  ARTICLE_6_LABELS,
  ARTICLE_9_10,
  ARTICLE_9_10_LABELS,
  COMMON_LAW_ROUTE_LABELS,
  COMMON_LAW_ROUTES,
  GATEWAY_LABELS,
  GATEWAYS,
  PARA_18_REASON_LABELS,
  PARA_18_REASONS,
  PURPOSE_CODES,
  PURPOSE_LABELS,
  TRANSFER_METHOD_LABELS,
  TRANSFER_METHODS,
} from "../../agreements/domain";
import {
  CAPACITY,
  CAPACITY_LABELS,
  CONSENT_STATUS_LABELS,
  CONSENT_STATUSES,
  NOT_SOUGHT_REASON_LABELS,
  NOT_SOUGHT_REASONS,
  OUTCOME_LABELS,
  OUTCOMES,
  RECIPIENT_ROLE_LABELS,
  RECIPIENT_ROLES,
} from "../domain/vocabulary";
import { choose, fixed, type StepDef, text, yes } from "./step-fields";

/**
 * The share decision wizard's questions (docs/domain.md §4 steps 1–8), as data: each step is a GOV.UK
 * question page, each field names the answer's path in the decision (decision-input.ts), so one
 * template renders them all, one parser reads them back, and a rule finding about an answer links to
 * the page that asks it. The items step has its own page (one row per record item).
 */

export const STEPS: StepDef[] = [
  {
    key: "purpose",
    title: "Why you are sharing",
    intro: "Say what the information is for. A decision not to share needs its purpose recorded too.",
    fields: [
      choose("/purpose/code", "radios", "What is the purpose?", fixed(optionsOf(PURPOSE_CODES, PURPOSE_LABELS))),
      text("/purpose/description", "Describe the purpose", "What sharing is meant to achieve for the child"),
      choose(
        "/purpose/levelOfNeed",
        "radios",
        "Level of need",
        (c) => c.levels,
        "The threshold the decision is made at, on the partnership's scale",
      ),
      choose(
        "/purpose/concernId",
        "radios",
        "Which concern is this about?",
        (c) => c.concerns,
        undefined,
        "Not about a concern recorded here",
      ),
    ],
  },
  {
    key: "information",
    title: "What kind of information it is",
    intro:
      "Information about a named child or family member is personal data. Special category and criminal offence flags come from the record items you choose.",
    fields: [
      yes("/information/personal", "Is it personal data?", "Anything about an identifiable person is"),
      yes(
        "/information/confidential",
        "Was it given in confidence?",
        "For example, told to a health professional or a teacher in confidence",
      ),
      yes(
        "/information/thirdParty",
        "Does it include information about other people?",
        "Such as a neighbour who reported a concern, or another family member",
      ),
    ],
  },
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
      yes(
        "/recipient/routine",
        "Is this routine sharing?",
        "Regular, planned sharing should be covered by a data sharing agreement; a one-off share need not be",
      ),
      choose(
        "/recipient/channel",
        "radios",
        "How else will it be communicated?",
        fixed(optionsOf(TRANSFER_METHODS, TRANSFER_METHOD_LABELS)),
        "It is always delivered through Safeshare; say if you are also telling them another way",
      ),
    ],
  },
  {
    // Its own page, after the recipient: only agreements naming both organisations can be offered.
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
    key: "consent",
    title: "Telling the family, and consent",
    intro: "Consent is not needed to share where a child is at risk, and is usually not the right lawful basis.",
    fields: [
      yes("/transparency/informed", "Have the child or family been told who you are sharing with, what and why?"),
      text("/transparency/notInformedReason", "If not, why not?", "For example, telling them could place the child at risk"),
      text("/transparency/childViews", "The child's views and wishes"),
      choose(
        "/transparency/capacity",
        "radios",
        "Can the child (or the person the information is about) make this decision?",
        fixed(optionsOf(CAPACITY, CAPACITY_LABELS)),
      ),
      text("/transparency/parentalResponsibility", "Who holds parental responsibility?", undefined, "text"),
      choose(
        "/transparency/consentStatus",
        "radios",
        "Where does consent stand?",
        fixed(optionsOf(CONSENT_STATUSES, CONSENT_STATUS_LABELS)),
      ),
      choose(
        "/transparency/consentNotSoughtReason",
        "radios",
        "If consent was not sought, why not?",
        fixed(optionsOf(NOT_SOUGHT_REASONS, NOT_SOUGHT_REASON_LABELS)),
      ),
      text("/transparency/consentDetails", "If consent was given: who gave it, when, how, and for what"),
    ],
  },
  {
    key: "lawful-basis",
    title: "Lawful basis",
    fields: [
      choose("/lawfulBasis/article6", "radios", "Article 6 lawful basis", fixed(optionsOf(ARTICLE_6, ARTICLE_6_LABELS))),
      choose(
        "/lawfulBasis/article9",
        "checkboxes",
        "Article 9 and 10 conditions",
        fixed(optionsOf(ARTICLE_9_10, ARTICLE_9_10_LABELS)),
        "Needed for special category (such as health) or criminal offence information",
      ),
      choose(
        "/lawfulBasis/para18Reason",
        "radios",
        "For the safeguarding condition (Schedule 1 paragraph 18): why consent is not relied on",
        fixed(optionsOf(PARA_18_REASONS, PARA_18_REASON_LABELS)),
      ),
      text("/lawfulBasis/apdReference", "Your appropriate policy document's reference", undefined, "text"),
      choose(
        "/lawfulBasis/commonLaw",
        "radios",
        "If it was given in confidence: how the duty of confidence is met",
        fixed(optionsOf(COMMON_LAW_ROUTES, COMMON_LAW_ROUTE_LABELS)),
      ),
      choose("/lawfulBasis/gateway", "select", "The power or duty relied on", fixed(optionsOf(GATEWAYS, GATEWAY_LABELS))),
      text("/lawfulBasis/gatewayOther", "If other, describe it", undefined, "text"),
    ],
  },
  {
    key: "items",
    title: "What to share",
    intro: "Choose the items, not the whole file. Each shows whether it is fact or opinion, historical, or sensitive.",
    fields: [],
  },
  {
    key: "advice",
    title: "Advice",
    intro:
      "If you are unsure, ask your safeguarding lead or IG lead, without naming the child where possible. Never let waiting for advice delay an urgent share.",
    fields: [
      yes("/advice/sought", "Did you seek advice?"),
      text("/advice/adviserName", "Who gave it", undefined, "text"),
      text("/advice/adviserRole", "Their role", undefined, "text"),
      text("/advice/advice", "What they advised"),
      yes("/advice/anonymised", "Did you ask without identifying the child?"),
    ],
  },
  {
    key: "decision",
    title: "Your decision",
    intro: "Record the reasons whichever way you decide: a decision not to share is recorded like a share.",
    fields: [
      choose("/decision/outcome", "radios", "What have you decided?", fixed(optionsOf(OUTCOMES, OUTCOME_LABELS))),
      text("/decision/reasons", "Your reasons"),
      text(
        "/decision/necessityAndProportionality",
        "Why sharing is necessary and proportionate",
        "What the recipient needs it for, and why not less",
      ),
      {
        path: "/decision/accessExpiresOn",
        kind: "date",
        label: "Until when can the recipient open it?",
        hint: "Today or later; leave blank for the partnership's default. For example, 31 3 2027",
      },
      choose(
        "/decision/otherHolderOrganisationId",
        "select",
        "If you are not sharing: which other organisation may hold the information?",
        (c) => c.organisations,
        "Answering a request, this tells the requester where else to ask",
        "None, or not known",
      ),
    ],
  },
];

/** Steps whose choices depend on the recipient organisation: they wait for it, and start again when it changes. */
export const AFTER_RECIPIENT: readonly string[] = ["agreement", "recipient-person"];
export const stepOf = (key: string) => STEPS.find((s) => s.key === key);

/** Which step asks the answer a path names: where a rule finding's link goes. */
export function stepOfPath(path: string): string {
  if (path.startsWith("/recipient/userId")) return "recipient-person";
  if (path.startsWith("/items")) return "items";
  if (path.startsWith("/informationRequestId")) return "purpose";
  const direct = STEPS.find((s) => s.fields.some((f) => path.startsWith(f.path)));
  if (direct) return direct.key;
  const section = path.split("/")[1];
  return { transparency: "consent", lawfulBasis: "lawful-basis" }[section ?? ""] ?? section ?? "decision";
}
