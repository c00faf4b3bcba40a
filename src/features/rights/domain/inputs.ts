import { z } from "zod";
import { pastDateInput, today } from "../../../platform/dates/calendar";
import { textInput } from "../../../platform/text";
import { dateOfBirthProblem } from "../../records/domain";
import { RIGHTS_MESSAGES } from "./messages";
import { RECEIVED_VIA, REQUESTER_RELATIONSHIPS, RESPONSE_OUTCOMES, RIGHTS_STATES, RIGHTS_TYPES } from "./vocabulary";

/** What a rights request records when it is logged, and what each step asks for (docs/domain.md §6). */

const line = (label: string, max = 300) => textInput(label).trim().max(max, `${label} must be ${max} characters or fewer`);
const required = (label: string, max = 300, missing = `Enter ${label.toLowerCase()}`) =>
  textInput(label, missing).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);
const optionalLine = (label: string, max = 300) => line(label, max).optional();

const pastDate = (what: string) => pastDateInput(what, "2026-03-27", `The ${what} cannot be in the future`);

const requesterInput = z.object({
  name: required("Their name", 200, "Enter the requester's name"),
  email: optionalLine("The email address", 254),
  phone: optionalLine("The phone number", 40),
  address: optionalLine("The address", 500),
});

const aboutInput = z.object({
  name: required("The name", 200, "Enter the name of the person the information is about"),
  dateOfBirth: z
    .string()
    .trim()
    .optional()
    .superRefine((v, ctx) => {
      const problem = v ? dateOfBirthProblem(v, today()) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  otherNames: optionalLine("Other names", 300),
  address: optionalLine("The address", 500),
});

/** Logged by an IG lead: a received date is required and cannot be in the future. */
export const rightsRequestInput = z.object({
  type: z.enum(RIGHTS_TYPES, { error: "Select the kind of request" }),
  requester: requesterInput,
  relationship: z.enum(REQUESTER_RELATIONSHIPS, { error: "Select who is asking" }),
  about: aboutInput,
  details: line("What they asked for", 10_000).default(""),
  receivedVia: z.enum(RECEIVED_VIA, { error: "Select how it was received" }),
  receivedOn: pastDate("date received"),
});
export type RightsRequestInput = z.infer<typeof rightsRequestInput>;

const PUBLIC = RIGHTS_MESSAGES.en.publicFormError;

/**
 * The public form: received today through the form; the requester says which organisations they are
 * asking. Its errors speak to the person filling it in, in the form's own words.
 */
export const publicRequestInput = rightsRequestInput
  .omit({ receivedVia: true, receivedOn: true })
  .extend({
    type: z.enum(RIGHTS_TYPES, { error: PUBLIC.type }),
    requester: requesterInput.extend({ name: required("Your name", 200, PUBLIC.name) }),
    relationship: z.enum(REQUESTER_RELATIONSHIPS, { error: PUBLIC.relationship }),
    about: aboutInput.extend({ name: required("The name", 200, PUBLIC.aboutName) }),
    organisationIds: z
      .array(z.uuid({ error: PUBLIC.organisations }))
      .min(1, PUBLIC.organisations)
      .max(50),
    /** The requester asked for an acknowledgement with their reference at the email address they gave. */
    acknowledgeByEmail: z.boolean().optional(),
  })
  // Someone who cannot be answered has not really asked: an email, phone number or address is needed.
  .refine((i) => !!(i.requester.email || i.requester.phone || i.requester.address), {
    path: ["requester", "email"],
    message: PUBLIC.reply,
  })
  .refine((i) => !i.acknowledgeByEmail || !!i.requester.email, { path: ["requester", "email"], message: PUBLIC.acknowledgeWithoutEmail });

export const transitionInput = z.object({
  to: z.enum(RIGHTS_STATES, { error: "Select what happens next" }),
  /** Why it is closed early, extended, or refused. */
  reason: optionalLine("The reason", 4000),
  /**
   * Moving on from waiting: the day the proof of identity or clarification arrived, today if not
   * given. Identity starts the clock from it; clarification resumes it (deadlines.ts).
   */
  receivedOn: pastDate("date it arrived").optional(),
  /** An extension: the day the requester was told, which must be within the first month. */
  requesterToldOn: pastDate("date the requester was told").optional(),
  outcome: z.enum(RESPONSE_OUTCOMES, { error: "Select full, partial or refused" }).optional(),
  /** Answering an access request with no one attached: the IG lead confirms the records hold nothing about the person. */
  nothingHeld: z.boolean().optional(),
  /** Before anything is sent where the requester may harm the person: the safety check made. */
  safetyCheck: optionalLine("The safety check", 2000),
});

export const identityInput = z.object({
  evidence: required("The evidence", 1000, "Say what evidence of identity was seen"),
  authorityEvidence: optionalLine("The evidence of authority", 1000),
});

/** What is done to an item for a rectification, restriction or erasure request, and why. */
export const reasonInput = z.object({ reason: required("The reason", 4000, "Give the reason") });
export const statementInput = z.object({
  statement: required("The statement", 4000, "Enter the person's statement of what they disagree with"),
});
/** A restriction is lifted only once the requester has been told (UK GDPR Art 18(3)). */
export const liftInput = reasonInput.extend({ requesterToldOn: pastDate("date the requester was told") });
export const erasureInput = reasonInput.extend({ grant: z.boolean({ error: "Say whether erasure is granted" }) });
