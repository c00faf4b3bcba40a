import { z } from "zod";
import { dateInput } from "../../../platform/dates/calendar";
import type { FieldError } from "../../../platform/errors";
import { textInput } from "../../../platform/text";
import {
  ARTICLE_6,
  ARTICLE_9_10,
  COMMON_LAW_ROUTES,
  GATEWAYS,
  PARA_18_REASONS,
  PURPOSE_CODES,
  TRANSFER_METHODS,
} from "../../agreements/domain";
import { PROTECTED_DETAIL_KINDS } from "./protected-details";
import { CAPACITY, CONSENT_STATUSES, NOT_SOUGHT_REASONS, OUTCOMES, RECIPIENT_ROLES, SUBJECT_DETAILS } from "./vocabulary";

/**
 * A share decision as the practitioner answers it (docs/domain.md §4), step by step: the shape of the
 * wizard's server-side draft and of the API's request body. Types are strict here (a code outside
 * its list, a malformed id, over-long text is a 400 with the field's path); whether the answers add
 * up to a decision that may be recorded is for the rules (evaluate-decision.ts), which name the
 * golden rule or legal rule each gap breaks. So every answer is optional at this level.
 */

const optionalText = (label: string, max: number) =>
  textInput(label)
    .trim()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional();
const id = (what: string) => z.uuid({ error: `${what} must be an id from Safeshare` });
/** Whether an answer can be a Safeshare id: anything else cannot name a row (PostgreSQL refuses it outright), so it names nothing. */
export const isId = (value: unknown): value is string => z.uuid().safeParse(value).success;

const emergencyAnswers = z.object({
  /** Step 0: is there an immediate risk to life or of serious harm? */
  immediateRisk: z.boolean({ error: "Answer yes or no: is there an immediate risk" }).optional(),
  /** The one line recorded before an emergency share goes. */
  reason: optionalText("The emergency reason", 500),
});

/** A protected detail found in free text and taken out before it goes: recorded by Safeshare, never answered. */
export const recordedProtectedDetail = z.object({ phrase: z.string(), kind: z.enum(PROTECTED_DETAIL_KINDS), ofSubject: z.boolean() });

export const purposeAnswers = z.object({
  code: z.enum(PURPOSE_CODES, { error: "Select a purpose from the list" }).optional(),
  description: optionalText("The purpose", 2000),
  concernId: id("The concern").nullable().optional(),
  /** A code from the partnership's scale of need: the threshold the decision was made at. */
  levelOfNeed: z.string().trim().max(40).optional(),
  /** Recorded by Safeshare, not answered: the protected details found in the purpose the recipient is sent, and taken out. */
  protectedRedactions: z
    .array(recordedProtectedDetail)
    .optional()
    .describe(
      "Recorded by Safeshare: each protected detail found in the purpose the recipient is sent (the description, or in an emergency the reason) and redacted, as written (GR5-PROTECT-IDENTITIES)",
    ),
});

const informationAnswers = z.object({
  /** Not personal data (e.g. anonymised statistics) may be shared without a lawful basis. */
  personal: z.boolean().optional(),
  confidential: z.boolean().optional(),
  thirdParty: z.boolean().optional(),
});

const recipientAnswers = z.object({
  organisationId: id("The recipient organisation").optional(),
  role: z.enum(RECIPIENT_ROLES, { error: "Select the recipient's role from the list" }).optional(),
  /** The named person, where known: a Safeshare user of the recipient organisation. */
  userId: id("The named person").nullable().optional(),
  /** Routine (regular, planned) sharing should have an agreement; one-off sharing need not (ICO6-AGREEMENT). */
  routine: z.boolean().optional(),
  /** The agreement covering the share and the version cited; null for one-off sharing without one. */
  agreementId: id("The agreement").nullable().optional(),
  agreementVersion: z.number().int().min(1).max(100_000).nullable().optional(),
  channel: z.enum(TRANSFER_METHODS).optional(),
});

const transparencyAnswers = z.object({
  informed: z.boolean().optional(),
  notInformedReason: optionalText("Why they were not told", 2000),
  childViews: optionalText("The child's views and wishes", 4000),
  capacity: z.enum(CAPACITY).optional(),
  parentalResponsibility: optionalText("Who holds parental responsibility", 1000),
  consentStatus: z.enum(CONSENT_STATUSES).optional(),
  consentNotSoughtReason: z.enum(NOT_SOUGHT_REASONS).optional(),
  /** For consent given: who gave it, when, how and for what. */
  consentDetails: optionalText("The consent details", 2000),
});

const lawfulBasisAnswers = z.object({
  article6: z.enum(ARTICLE_6, { error: "Select an Article 6 basis from the list" }).nullable().optional(),
  article9: z
    .array(z.enum(ARTICLE_9_10, { error: "Select Article 9 and 10 conditions from the list" }))
    .max(9)
    .optional(),
  para18Reason: z.enum(PARA_18_REASONS).nullable().optional(),
  apdReference: optionalText("The appropriate policy document reference", 200),
  commonLaw: z.enum(COMMON_LAW_ROUTES).nullable().optional(),
  gateway: z.enum(GATEWAYS).nullable().optional(),
  gatewayOther: optionalText("The other gateway", 500),
});

export const itemChoice = z.object({
  itemId: id("The record item"),
  share: z.boolean({ error: "Say whether each item is shared" }),
  /** For an item considered but withheld, why (a partial share must say). */
  withheldReason: optionalText("Why the item is withheld", 1000),
  /** Words or phrases taken out of the item (its text, and its source if written there) before it goes, each shown as [redacted]. */
  redactions: z.array(textInput("A redaction").trim().min(1).max(500)).max(50).optional(),
  /**
   * Why the recipient needs the protected details written in this item (a refuge address, a protected
   * name): without a reason from a safeguarding lead or IG lead they are redacted (GR5-PROTECT-IDENTITIES).
   */
  protectedDetailsReason: optionalText("Why the recipient needs the protected details in this item", 1000),
  /** Recorded by Safeshare, not answered: the protected details found in the text or the source and taken out. Anything sent is replaced. */
  protectedRedactions: z
    .array(recordedProtectedDetail)
    .optional()
    .describe(
      "Recorded by Safeshare: each protected detail found in the item's text or its source and redacted, as written, what it is, and whether it is the person's own or someone linked to them (GR5-PROTECT-IDENTITIES)",
    ),
});

export type ItemChoice = z.infer<typeof itemChoice>;

export const itemsAnswers = z.object({
  items: z.array(itemChoice).max(500, "Share at most 500 items in one decision").optional(),
  subjectDetails: z.array(z.enum(SUBJECT_DETAILS)).max(SUBJECT_DETAILS.length).optional(),
  /**
   * Why the recipient needs a protected address (a refuge): without a reason from a safeguarding lead
   * or IG lead it is left out (GR5-PROTECT-IDENTITIES).
   */
  protectedAddressReason: optionalText("Why the recipient needs the protected address", 1000),
  /** Recorded by Safeshare, not answered: how many protected addresses were left out of the person's details. */
  protectedAddressesLeftOut: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("Recorded by Safeshare: how many protected addresses were left out of the person's details (GR5-PROTECT-IDENTITIES)"),
  /** Why items outside the agreement's data items must go anyway: recorded, and DSA-ITEM becomes a warning. */
  itemException: optionalText("The reason for sharing items the agreement does not list", 1000),
});

const adviceAnswers = z.object({
  sought: z.boolean().optional(),
  adviserName: optionalText("Who gave the advice", 200),
  adviserRole: optionalText("Their role", 200),
  advice: optionalText("What they advised", 4000),
  /** The consultation did not identify the child (GR4-SEEK-ADVICE: without identifying the person where possible). */
  anonymised: z.boolean().optional(),
});

const decisionAnswers = z.object({
  outcome: z.enum(OUTCOMES, { error: "Select share, share some of it or do not share" }).optional(),
  reasons: optionalText("The reasons", 10_000),
  necessityAndProportionality: optionalText("The necessity and proportionality statement", 10_000),
  /** Until when the recipient can open the disclosure; the organisation's default when not given. */
  accessExpiresOn: dateInput("access expiry date", "2027-06-30").optional(),
  /** For a request being answered by refusing: which other organisation may hold the information. */
  otherHolderOrganisationId: id("The other organisation").nullable().optional(),
});

/** The whole decision, step by step. */
export const shareDecisionInput = z.object({
  subjectId: id("The person"),
  informationRequestId: id("The information request").nullable().optional(),
  emergency: emergencyAnswers.default({}),
  purpose: purposeAnswers.default({}),
  information: informationAnswers.default({}),
  recipient: recipientAnswers.default({}),
  transparency: transparencyAnswers.default({}),
  lawfulBasis: lawfulBasisAnswers.default({}),
  items: itemsAnswers.default({}),
  advice: adviceAnswers.default({}),
  decision: decisionAnswers.default({}),
  /** The warnings the decider has read, by rule code: one code acknowledges every warning raised under it. */
  acknowledgedWarnings: z
    .array(z.string().max(40))
    .max(40)
    .default([])
    .describe(
      "The rule codes of the warnings the decider has read. One code acknowledges every warning raised under it (two items each mentioning a protected detail are two warnings, one code); every warning must be acknowledged before the decision is recorded, except in an emergency",
    ),
});
export type ShareDecisionInput = z.infer<typeof shareDecisionInput>;
export type ShareDecisionInputRaw = z.input<typeof shareDecisionInput>;

const IDEMPOTENCY_KEY_RULE = "Send an Idempotency-Key of 8 to 200 printable characters, unique to this decision";

/**
 * The key that makes recording a decision safe to retry: the same key again finds the decision
 * already recorded. The API's header and the service check it with this one schema, so a key is
 * refused in the same words wherever it is missing or malformed.
 */
export const idempotencyKeyInput = z
  .string({ error: IDEMPOTENCY_KEY_RULE })
  .regex(/^[\x21-\x7e]{8,200}$/, IDEMPOTENCY_KEY_RULE)
  .describe("Unique to this decision: sending it again returns the decision already recorded");

/**
 * Answers well typed but impossible on the day (`today`, YYYY-MM-DD), as field errors. An access
 * expiry already past would deliver a disclosure nobody can open. The recipient can open it until
 * the end of the day chosen, so today is the earliest. Checked here rather than in the schema, which
 * also reads back decisions recorded long ago, whose expiry has rightly passed.
 */
export function answerProblems(input: ShareDecisionInput, today: string): FieldError[] {
  const expires = input.decision.accessExpiresOn;
  if (expires && expires < today)
    return [{ path: "/decision/accessExpiresOn", message: "The date they can open it until must be today or in the future" }];
  return [];
}
