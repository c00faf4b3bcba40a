import { differenceInYears, parseISO } from "date-fns";
import { z } from "zod";
import { ukDate } from "../../../platform/dates/calendar";
import { textInput } from "../../../platform/text";
import type { SubjectKind } from "../../records/domain";
import type { BreachDataCategory, BreachKind, NoticeAudience } from "./vocabulary";
import { NOTICE_AUDIENCES } from "./vocabulary";

/**
 * Notices telling the people affected about a breach that is a high risk to them (UK GDPR Art 34;
 * BR-TELL-INDIVIDUALS), drafted in plain English for a parent or carer (or an adult affected themself)
 * and, in shorter and simpler words, for a young person. The draft is only a start: the IG lead reads
 * and edits every word before it goes, and nothing in it is a code.
 */

/** How a notice went: a letter, an email, in person or by phone (recorded when it is sent). */
export const NOTICE_SENT_HOW = ["LETTER", "EMAIL", "IN_PERSON", "PHONE"] as const;
export type NoticeSentHow = (typeof NOTICE_SENT_HOW)[number];

/**
 * The youngest age at which Safeshare offers to write to a child themself, in the young person's words.
 * At 12 a child is generally taken to be old enough to understand their own information rights (ICO:
 * children's right of access, "from the age of 12 in Scotland, and the same is a reasonable starting
 * point elsewhere"); a younger child's parent or carer is told instead.
 */
const YOUNG_PERSON_MIN_AGE = 12;
const ADULT_AGE = 18;

/** Kinds of person who may be a child, so whose age decides; an unborn child is never written to. */
const MAY_BE_A_CHILD: readonly SubjectKind[] = ["CHILD", "SIBLING"];

/**
 * Which versions of a notice may be written to the person affected themself, first the one that fits:
 * a young person (12 to 17) gets the young person's words first; an adult the adult's (the young
 * person's simpler words stay available, as an easy read). A child under 12, one whose date of birth is
 * not recorded (their age is unknown), and an unborn child are not written to: their parents or carers are.
 */
export function selfAudiences(person: { kind: SubjectKind; dateOfBirth: string | null }, today: string): NoticeAudience[] {
  if (person.kind === "UNBORN_CHILD") return [];
  if (!MAY_BE_A_CHILD.includes(person.kind)) return ["PARENT", "YOUNG_PERSON"];
  if (!person.dateOfBirth) return [];
  const age = differenceInYears(parseISO(today), parseISO(person.dateOfBirth));
  if (age >= ADULT_AGE) return ["PARENT", "YOUNG_PERSON"];
  if (age >= YOUNG_PERSON_MIN_AGE) return ["YOUNG_PERSON", "PARENT"];
  return [];
}

/** The breach's facts a notice is drafted from. Names are as recorded; the contact is the IG lead drafting it. */
export interface NoticeFacts {
  organisation: string;
  contact: { name: string; email: string | null };
  /** The person affected, and whether the notice is written to them (otherwise to their parent or carer). */
  person: { givenNames: string; familyName: string };
  addressee: { givenNames: string; familyName: string };
  toThePerson: boolean;
  occurredAt: Date | null;
  awareAt: Date;
  kinds: readonly BreachKind[];
  dataCategories: readonly BreachDataCategory[];
  whatHappened: string;
  consequences: string;
  physicalRisk: boolean;
  measuresTaken: string;
  measuresProposed: string;
}

const ICO_LINE = "Website: ico.org.uk. Phone: 0303 123 1113.";

/** A sentence ends with a full stop (or its own ! or ?). */
const sentence = (text: string) => {
  const t = text.trim();
  return !t || /[.!?]$/.test(t) ? t : `${t}.`;
};

/** What happened to the information, in words, for each kind of breach: about "you", or about the person by name. */
const KIND_WORDS: Record<BreachKind, (about: string) => string> = {
  UNAUTHORISED_DISCLOSURE: (about) => `Information about ${about} was given to someone who should not have had it.`,
  UNAUTHORISED_ACCESS: (about) => `Someone who should not have seen information about ${about} was able to see it.`,
  LOSS: (about) => `Information about ${about} was lost.`,
  DESTRUCTION: (about) => `Information about ${about} was destroyed by mistake.`,
  ALTERATION: (about) => `Information about ${about} was changed when it should not have been.`,
};

/** The kinds of information involved, in words. Children's and vulnerable adults' data say who, not what, so add nothing here. */
const CATEGORY_WORDS: Partial<Record<BreachDataCategory, string>> = {
  SPECIAL_CATEGORY: "private information such as health",
  CRIMINAL_OFFENCE: "information about crimes or the police",
};

const joined = (parts: string[]) => (parts.length < 2 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);

function whenLines(facts: NoticeFacts): string[] {
  return [
    ...(facts.occurredAt ? [`This happened on ${ukDate(facts.occurredAt)}.`] : []),
    `We found out about it on ${ukDate(facts.awareAt)}.`,
  ];
}

const section = (heading: string, lines: string[]) => [heading, ...lines.filter(Boolean)].join("\n");

/** The notice for a parent or carer, or for an adult affected themself. */
function forAnAdult(f: NoticeFacts): string {
  const name = `${f.person.givenNames} ${f.person.familyName}`;
  const about = f.toThePerson ? "you" : name;
  const whose = f.toThePerson ? "your" : `${name}'s`;
  const kinds = f.kinds.length ? f.kinds.map((k) => KIND_WORDS[k](about)) : [`Information about ${about} was not kept safe.`];
  const categories = f.dataCategories.flatMap((c) => CATEGORY_WORDS[c] ?? []);
  const contactEmail = f.contact.email ? ` You can email ${f.contact.email}.` : "";
  return [
    `Dear ${f.addressee.givenNames} ${f.addressee.familyName},`,
    `We are writing to tell you that we made a mistake with information about ${about}. We are sorry.`,
    section("What happened", [[...kinds, sentence(f.whatHappened)].join(" "), whenLines(f).join(" ")]),
    section("What information was involved", [
      categories.length
        ? `It was information we keep about ${about}, including ${joined(categories)}.`
        : `It was information we keep about ${about}.`,
    ]),
    section("What this could mean", [
      sentence(f.consequences) || `People may know things about ${about} that they should not know.`,
      f.physicalRisk ? `We are thinking carefully about ${whose} safety, and we will talk to you about it.` : "",
    ]),
    section("What we have done, and what we will do", [
      sentence(f.measuresTaken) || "We acted as soon as we found out, to stop it going any further.",
      sentence(f.measuresProposed) || "We are checking how it happened, so that it does not happen again.",
    ]),
    section("What you can do", [
      `Be careful of calls, emails or letters that ask about ${about}, or that seem to know about this.`,
      `If anything worries you about ${whose} safety, contact us straight away. In an emergency, call 999.`,
    ]),
    section("Who to contact", [
      `If you have any questions, contact ${f.contact.name}, who looks after data protection at ${f.organisation}.${contactEmail}`,
    ]),
    section("Your right to complain", [
      `You have the right to complain to the Information Commissioner's Office (ICO). The ICO makes sure organisations look after people's information properly. ${ICO_LINE}`,
    ]),
    `Yours sincerely,\n${f.contact.name}\n${f.organisation}`,
  ].join("\n\n");
}

/** The notice for a young person: shorter sentences, fewer of them, nothing they need an adult to explain. */
function forAYoungPerson(f: NoticeFacts): string {
  const kinds = f.kinds.length ? f.kinds.map((k) => KIND_WORDS[k]("you")) : ["Information about you was not kept safe."];
  const categories = f.dataCategories.flatMap((c) => CATEGORY_WORDS[c] ?? []);
  const contactEmail = f.contact.email ? ` Their email is ${f.contact.email}.` : "";
  return [
    `Dear ${f.addressee.givenNames},`,
    "We made a mistake with some information about you. We are sorry.",
    section("What happened", [kinds.join(" "), whenLines(f).join(" ")]),
    section("What information", [
      categories.length
        ? `It was information we keep about you. Some of it was ${joined(categories)}.`
        : "It was information we keep about you.",
    ]),
    section("What this could mean", [
      "Someone may know things about you that they should not know.",
      f.physicalRisk ? "We want to make sure you are safe. We will talk to you about this." : "",
    ]),
    section("What we are doing", ["We have acted to stop it going any further.", "We are working to stop it happening again."]),
    section("What you can do", [
      "If anything makes you feel worried or unsafe, tell an adult you trust straight away. In an emergency, call 999.",
      "You can talk to Childline for free, at any time, on 0800 1111.",
    ]),
    section("Who to ask", [`If you have questions, you can ask ${f.contact.name} at ${f.organisation}.${contactEmail}`]),
    section("If you are not happy", [
      `You can complain to the ICO. The ICO checks that organisations look after information properly. ${ICO_LINE}`,
    ]),
    `From ${f.contact.name}\n${f.organisation}`,
  ].join("\n\n");
}

/** The notice's first draft, in the words for its audience. */
export const draftNoticeText = (audience: NoticeAudience, facts: NoticeFacts): string =>
  audience === "YOUNG_PERSON" ? forAYoungPerson(facts) : forAnAdult(facts);

// ---- What the pages and the API send ----

/** A new notice: about which person affected, to whom (that person, or a parent or carer linked to them), in which words. */
export const newNoticeInput = z.object({
  subjectId: z.uuid({ error: "Select the person affected" }),
  addresseeSubjectId: z.uuid({ error: "Select who the notice is for" }),
  audience: z.enum(NOTICE_AUDIENCES, { error: "Select which version of the notice to write" }),
});

export const noticeBodyInput = z.object({
  body: textInput("The notice", "Enter the notice")
    .trim()
    .min(1, "Enter the notice")
    .max(20_000, "The notice must be 20,000 characters or fewer"),
});

/** That it was sent: how, and when (not in the future, nor before the organisation knew of the breach). */
export const noticeSentInput = z.object({
  how: z.enum(NOTICE_SENT_HOW, { error: "Select how the notice was sent" }),
  sentAt: z.iso.datetime({ offset: true, error: "Enter when the notice was sent, as a date and time" }),
});

/** Withheld because telling would increase the risk to someone: why (BR-NOTICE-SAFE). */
export const noticeWithheldInput = z.object({
  reason: textInput("The reason", "Enter why telling them would increase the risk")
    .trim()
    .min(1, "Enter why telling them would increase the risk")
    .max(5000, "The reason must be 5,000 characters or fewer"),
});
