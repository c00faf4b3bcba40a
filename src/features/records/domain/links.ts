import { z } from "zod";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import { dateInput, today as todayIso } from "../../../platform/dates/calendar";
import { textInput } from "../../../platform/text";
import {
  dateOfBirthProblem,
  expectedDateProblem,
  nhsNumberProblem,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUpn,
  postcodeProblem,
  upnProblem,
} from "./identifiers";
import { SUBJECT_KINDS } from "./information";
import { RECORDS_MESSAGES } from "./messages";

/** How the people around a child relate to them (issue 4). */
export const SUBJECT_LINK_KINDS = ["PARENT_OF", "SIBLING_OF", "LIVES_WITH", "ALLEGED_PERPETRATOR_TOWARDS"] as const;
export type SubjectLinkKind = (typeof SUBJECT_LINK_KINDS)[number];

/** How a link reads from each end: "Sam is the parent of Kai" and, from Kai's page, "Sam: parent". */
export const SUBJECT_LINK_LABELS: Record<SubjectLinkKind, { forward: string; reverse: string }> = Object.fromEntries(
  SUBJECT_LINK_KINDS.map((kind) => [
    kind,
    { forward: RECORDS_MESSAGES.en.subjectLinkForward[kind], reverse: RECORDS_MESSAGES.en.subjectLinkReverse[kind] },
  ]),
) as Record<SubjectLinkKind, { forward: string; reverse: string }>;

export const subjectLinkInput = z
  .object({
    fromSubjectId: z.uuid({ error: "Choose the first person" }),
    toSubjectId: z.uuid({ error: "Choose the second person" }),
    kind: z.enum(SUBJECT_LINK_KINDS, { error: "Select how they are linked" }),
  })
  .refine((l) => l.fromSubjectId !== l.toSubjectId, { path: ["toSubjectId"], message: "A person cannot be linked to themselves" });

/**
 * Who may receive a protected address (a refuge, a safe house) at all: the people who decide what
 * is shared and how to keep someone safe. Everyone else's responses never contain it
 * (GR5-PROTECT-IDENTITIES), rather than merely hiding it on the page.
 */
export const PROTECTED_ADDRESS_ROLES: readonly Role[] = ["safeguarding_lead", "ig_lead"];

/**
 * The same people decide that a protected detail must go with a share (a refuge address, a protected
 * name): anyone else's share redacts it, whatever reason they type (GR5-PROTECT-IDENTITIES).
 */
export const mayDecideProtectedDetails = (roles: readonly Role[]) => hasAnyRole(roles, PROTECTED_ADDRESS_ROLES);

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalText = (max: number, label: string) =>
  z.preprocess(blankToUndefined, textInput(label).trim().max(max, `${label} must be ${max} characters or fewer`).optional());

/** A field checked by a pure identifier rule: the rule's own message is the field error. */
const checked = (problem: (v: string) => string | null, normalise: (v: string) => string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40)
      // The rule's own message covers control characters too: they are not digits or letters.
      .superRefine((value, ctx) => {
        const message = problem(value);
        if (message) ctx.addIssue({ code: "custom", message });
      })
      .transform(normalise)
      .optional(),
  );

const addressInput = z.object({
  lines: textInput("Address", "Enter the address").trim().min(1, "Enter the address").max(500, "Address must be 500 characters or fewer"),
  postcode: checked(postcodeProblem, normalisePostcode),
  protected: z.boolean().default(false),
});

/** A new subject, from the web form or the API alike. Dates are checked against today's date when parsed. */
export const subjectInput = z
  .object({
    kind: z.enum(SUBJECT_KINDS, { error: "Select who this person is" }),
    givenNames: textInput("Given names", "Enter their given names")
      .trim()
      .min(1, "Enter their given names")
      .max(200, "Given names must be 200 characters or fewer"),
    familyName: textInput("Family name", "Enter their family name")
      .trim()
      .min(1, "Enter their family name")
      .max(200, "Family name must be 200 characters or fewer"),
    aliases: z.array(textInput("Other names").trim().min(1).max(200)).max(20).default([]),
    /** Other names that must not become known, such as a new name after fleeing (GR5-PROTECT-IDENTITIES). */
    protectedAliases: z.array(textInput("Protected names").trim().min(1).max(200)).max(20).default([]),
    /** Someone who could be harmed if an abuser learned who or where they are: their name is a protected detail. */
    identityProtected: z.boolean({ error: "Must be true or false: whether the person's identity is protected" }).default(false),
    previousNames: z.array(textInput("Previous names").trim().min(1).max(200)).max(20).default([]),
    dateOfBirth: z.preprocess(blankToUndefined, dateInput("date of birth", "2019-03-27").optional()),
    expectedDate: z.preprocess(blankToUndefined, dateInput("expected date", "2027-02-14").optional()),
    sexGender: optionalText(100, "Sex or gender"),
    nhsNumber: checked(nhsNumberProblem, normaliseNhsNumber),
    upn: checked(upnProblem, normaliseUpn),
    phone: optionalText(40, "Phone number"),
    email: z.preprocess(
      blankToUndefined,
      z.email({ error: "Enter an email address in the correct format, like name@example.org" }).optional(),
    ),
    addresses: z.array(addressInput).max(10).default([]),
  })
  .superRefine((s, ctx) => {
    const today = todayIso();
    if (s.kind === "UNBORN_CHILD") {
      if (!s.expectedDate)
        ctx.addIssue({ code: "custom", path: ["expectedDate"], message: "Enter the expected date of delivery for an unborn child" });
      else {
        const problem = expectedDateProblem(s.expectedDate, today);
        if (problem) ctx.addIssue({ code: "custom", path: ["expectedDate"], message: problem });
      }
      if (s.dateOfBirth)
        ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "An unborn child has an expected date, not a date of birth" });
    } else {
      // Only an unborn child has an expected date: on anyone else it would be a date nobody reads or checks.
      if (s.expectedDate)
        ctx.addIssue({
          code: "custom",
          path: ["expectedDate"],
          message: "Only an unborn child has an expected date of delivery: leave it blank, or choose Unborn child",
        });
      if (s.dateOfBirth) {
        const problem = dateOfBirthProblem(s.dateOfBirth, today);
        if (problem) ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: problem });
      }
    }
  });
export type SubjectInput = z.infer<typeof subjectInput>;
