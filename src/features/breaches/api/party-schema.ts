import { z } from "zod";
import { ITEM_CATEGORIES } from "../../records/domain";
import { BREACH_PARTY_ROLES, BREACH_RISKS, BREACH_STATES } from "../domain/vocabulary";
import { type BreachPartyView, DEFAULT_TERM_HOURS, type loadBreachLinks } from "../services/parties";
import type { viewBreachInvolvingUs, viewDeletionRequest, viewDeletionRequests } from "../services/party-view";

/** Zod schemas and allowlist presenters for the other organisations a breach involves (BR-CONTAIN, BR-TELL-CONTROLLER). */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const itemSchema = z.object({ category: z.enum(ITEM_CATEGORIES), eventDate: z.iso.date() });

const termFields = {
  termHours: z.number().int().nullable().describe("The agreement's breach notice term in hours; null when none sets one"),
  effectiveTermHours: z.number().int().describe(`The term applied: the agreement's, or ${DEFAULT_TERM_HOURS} hours when none sets one`),
  tellBy: z.iso.datetime().describe("By when the organisation must be told"),
  toldAt: z.iso.datetime().nullable().describe("When its people were told"),
  toldLate: z.boolean().nullable().describe("Whether it was told after `tellBy`; null until told"),
};

const partySchema = z
  .object({
    id: z.uuid(),
    role: z
      .enum(BREACH_PARTY_ROLES)
      .describe("WRONG_RECIPIENT: a share went to it by mistake; ORIGINATOR: the breach involves information it shared"),
    organisationId: z.uuid(),
    organisationName: z.string(),
    disclosureId: z.uuid().nullable(),
    ...termFields,
    deletionConfirmedAt: z.iso.datetime().nullable().describe("A wrong recipient's confirmation that it deleted every copy"),
    deletionConfirmedBy: z.string().nullable(),
    deletionNote: z.string().nullable(),
  })
  .meta({ id: "BreachParty" });

/** The fields `breachSchema` gains: what the breach links (services/parties.ts `loadBreachLinks`). */
export const breachLinksFields = {
  decision: z
    .object({ id: z.uuid(), reference: z.string() })
    .nullable()
    .describe("The share decision behind the disclosure it was raised from"),
  recordItems: z.array(itemSchema.extend({ id: z.uuid() })).describe("The record items it involved"),
  parties: z.array(partySchema).describe("The other organisations it involves, and where each stands"),
};

const toldLate = (p: { tellBy: Date; toldAt: Date | null }) => (p.toldAt ? p.toldAt.getTime() > p.tellBy.getTime() : null);

const presentParty = (p: BreachPartyView): z.infer<typeof partySchema> => ({
  id: p.id,
  role: p.role,
  organisationId: p.organisationId,
  organisationName: p.organisationName,
  disclosureId: p.disclosureId,
  termHours: p.termHours,
  effectiveTermHours: p.termHours ?? DEFAULT_TERM_HOURS,
  tellBy: p.tellBy.toISOString(),
  toldAt: iso(p.toldAt),
  toldLate: toldLate(p),
  deletionConfirmedAt: iso(p.deletionConfirmedAt),
  deletionConfirmedBy: p.deletionConfirmedBy,
  deletionNote: p.deletionNote,
});

export const presentLinks = (l: Awaited<ReturnType<typeof loadBreachLinks>>) => ({
  decision: l.decision,
  recordItems: l.items.map((i) => ({ id: i.id, category: i.category, eventDate: i.eventDate })),
  parties: l.parties.map(presentParty),
});

const disclosureSchema = z
  .object({
    id: z.uuid(),
    sentAt: z.iso.datetime(),
    items: z.array(itemSchema).describe("The kinds of item it carried, and their dates"),
  })
  .nullable();

const partOf = {
  id: z.uuid().describe("This organisation's part in the breach"),
  reference: z.string().describe('The breach\'s number at the organisation that recorded it, such as "BR-12"'),
  reportingOrganisation: z.string().describe("The organisation whose breach it is"),
};

export const deletionRequestSchema = z
  .object({
    ...partOf,
    askedAt: z.iso.datetime(),
    deletionConfirmedAt: z.iso.datetime().nullable(),
    deletionConfirmedBy: z.string().nullable(),
    deletionNote: z.string().nullable(),
    disclosure: disclosureSchema.describe("What was sent by mistake, as received (absent from lists)"),
  })
  .meta({ id: "BreachDeletionRequest" });

export const involvingUsSchema = z
  .object({
    ...partOf,
    state: z.enum(BREACH_STATES),
    risk: z.enum(BREACH_RISKS).nullable().describe("Null until assessed"),
    reportedToIco: z.boolean(),
    awareAt: z.iso.datetime().describe("When the reporting organisation became aware of it"),
    whatHappened: z.string(),
    ...termFields,
    disclosure: disclosureSchema
      .unwrap()
      .extend({ decision: z.object({ id: z.uuid(), reference: z.string() }).nullable().describe("Your share decision behind it") })
      .nullable()
      .describe("Which of your disclosures it involves (absent from lists)"),
  })
  .meta({ id: "BreachInvolvingUs" });

type Request = Awaited<ReturnType<typeof viewDeletionRequest>>;
type ListedRequest = Awaited<ReturnType<typeof viewDeletionRequests>>["rows"][number];
type Involving = Awaited<ReturnType<typeof viewBreachInvolvingUs>>;

const presentDisclosure = (d: NonNullable<Request["disclosure"]>) => ({
  id: d.id,
  sentAt: d.sentAt.toISOString(),
  items: d.items.map((i) => ({ category: i.category, eventDate: i.eventDate })),
});

export const presentDeletionRequest = (
  r: ListedRequest & { disclosure?: Request["disclosure"] },
): z.infer<typeof deletionRequestSchema> => ({
  id: r.id,
  reference: r.reference,
  reportingOrganisation: r.reportingOrganisation,
  askedAt: r.askedAt.toISOString(),
  deletionConfirmedAt: iso(r.deletionConfirmedAt),
  deletionConfirmedBy: r.deletionConfirmedBy,
  deletionNote: r.deletionNote,
  disclosure: r.disclosure ? presentDisclosure(r.disclosure) : null,
});

export const presentInvolvingUs = (
  r: Omit<Involving, "disclosure"> & { disclosure?: Involving["disclosure"] },
): z.infer<typeof involvingUsSchema> => ({
  id: r.id,
  reference: r.reference,
  reportingOrganisation: r.reportingOrganisation,
  state: r.state,
  risk: r.risk,
  reportedToIco: r.reportedToIco,
  awareAt: r.awareAt.toISOString(),
  whatHappened: r.whatHappened,
  termHours: r.termHours,
  effectiveTermHours: r.termHours ?? DEFAULT_TERM_HOURS,
  tellBy: r.tellBy.toISOString(),
  toldAt: iso(r.toldAt),
  toldLate: toldLate(r),
  disclosure: r.disclosure ? { ...presentDisclosure(r.disclosure), decision: r.disclosure.decision } : null,
});
