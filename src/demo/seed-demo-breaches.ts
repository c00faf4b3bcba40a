import { randomUUID } from "node:crypto";
import { subDays, subHours, subMinutes } from "date-fns";
import { assessBreachRisk, closeBreach, decideNotToReport, recordBreach } from "../features/breaches";
import { recordShareDecision } from "../features/sharing";
import type { Db } from "../platform/db/client";
import { demoActors, demoItemId as find, demoItems as itemsOf, demoSubjectId as subjectOf } from "./demo-actors";

/**
 * Breaches in the demo (issue 22), recorded through the services people use:
 * - Eastmoor NHS Trust's health visitor sent Yusuf Rahman's family history to Haven Domestic Abuse
 *   Service, picking it from the list instead of Westshire Early Help. The trust's IG lead raised it as
 *   a breach from the disclosure an hour later, which withdrew Haven's access at once; the risk is
 *   assessed and the 72 hours to report to the ICO are running.
 * - Westshire Council's closed breach: a meeting invitation naming a child's initials went to a
 *   colleague's personal email address, was deleted unread, and was assessed as no risk. It was not
 *   reported to the ICO, with the reasons, and closed with the lessons learned.
 */

const PEOPLE = {
  helen: "helen.ng@eastmoor.nhs.example",
  sean: "sean.obriain@eastmoor.nhs.example",
  nia: "nia.williams@haven.example",
  dafydd: "dafydd.pryce@westshire.example",
} as const;

export async function seedDemoBreaches(db: Db, now = new Date()): Promise<void> {
  const { helen, sean, nia, dafydd } = await demoActors(db, PEOPLE);

  // The misdirected share: meant for early help, sent to the domestic abuse service.
  const yusuf = await subjectOf(db, helen, "Yusuf", "Rahman");
  const sentAt = subHours(now, 7);
  const misdirected = await recordShareDecision(
    db,
    helen,
    {
      subjectId: yusuf,
      purpose: { code: "EARLY_HELP", description: "Early help offer for Yusuf's family before the new baby", levelOfNeed: "EARLY_HELP" },
      information: { personal: true, confidential: true, thirdParty: true },
      recipient: { organisationId: nia.organisationId, role: "EARLY_HELP_PRACTITIONER", routine: false },
      transparency: {
        informed: true,
        capacity: "NOT_CAPABLE",
        parentalResponsibility: "Mother, Aisha Rahman",
        consentStatus: "GIVEN",
        consentDetails: "Aisha Rahman agreed at the new-birth visit to a referral to early help.",
      },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", commonLaw: "CL_CONSENT", gateway: "CA2004_S10" },
      items: {
        items: [{ itemId: find(await itemsOf(db, yusuf), "half-sibling"), share: true }],
        subjectDetails: ["dateOfBirth"],
      },
      advice: { sought: false },
      decision: {
        outcome: "SHARE",
        reasons: "Early help can support the family before the baby arrives; the earlier plan is relevant to the offer.",
        necessityAndProportionality: "The history of the earlier plan only.",
      },
      acknowledgedWarnings: ["GR4-SEEK-ADVICE", "GR5-PROTECT-IDENTITIES", "ICO6-AGREEMENT"],
    },
    randomUUID(),
    sentAt,
  );
  const disclosureId = misdirected.detail.disclosure?.id;
  if (!disclosureId) throw new Error("the demo's misdirected share sent nothing");
  const raisedAt = subMinutes(sentAt, -60);
  const raised = await recordBreach(
    db,
    sean,
    {
      awareAt: subMinutes(raisedAt, 10).toISOString(),
      occurredAt: sentAt.toISOString(),
      howDiscovered: "The health visitor noticed, when early help said nothing had arrived, that she had picked the wrong organisation.",
      whatHappened:
        "A share about Yusuf Rahman meant for Westshire Early Help was sent to Haven Domestic Abuse Service. It gave his date of birth and that an older half-sibling had been on a child in need plan.",
      types: ["CONFIDENTIALITY"],
      kinds: ["UNAUTHORISED_DISCLOSURE"],
      cyber: false,
      dataCategories: ["CHILDREN", "SPECIAL_CATEGORY"],
      approxPeople: 2,
      approxRecords: 1,
      consequences: "Staff at a partner service learned of a family's involvement with children's services without a reason to know.",
      measuresTaken: "Haven's access was withdrawn when the breach was recorded. Haven has been asked to confirm it kept no copy.",
      measuresProposed: "Ask for a second check of the recipient before a share goes to an organisation outside the agreement.",
      disclosureId,
    },
    raisedAt,
  );
  await assessBreachRisk(
    db,
    sean,
    raised,
    {
      risk: "RISK",
      reasoning:
        "Special category information about a child went to an organisation with no need for it. Haven is a trusted partner bound by confidentiality and opened nothing before access ended, so the risk is not high, but it is a risk: report to the ICO.",
    },
    subMinutes(raisedAt, -30),
  );

  // The closed, unreported breach.
  const awareAt = subDays(now, 24);
  const closedOne = await recordBreach(
    db,
    dafydd,
    {
      awareAt: awareAt.toISOString(),
      occurredAt: subHours(awareAt, 2).toISOString(),
      howDiscovered: "The colleague replied from her personal address to say she had received it there by mistake.",
      whatHappened:
        "A meeting invitation giving a child's initials and the time of a review meeting was sent to a colleague's personal email address instead of her work address.",
      types: ["CONFIDENTIALITY"],
      kinds: ["UNAUTHORISED_DISCLOSURE"],
      cyber: false,
      dataCategories: ["CHILDREN"],
      approxPeople: 1,
      approxRecords: 1,
      consequences: "None expected: the colleague works with the family and deleted the email unread.",
      measuresTaken: "The colleague deleted the email and confirmed it in writing.",
      measuresProposed: "Turn off address suggestions for personal addresses in the council's email.",
    },
    awareAt,
  );
  await assessBreachRisk(
    db,
    dafydd,
    closedOne,
    {
      risk: "NO_RISK",
      reasoning:
        "Only initials and a meeting time went to a social worker who already works with the family; she deleted it unread and confirmed it.",
    },
    subHours(awareAt, -3),
  );
  await decideNotToReport(
    db,
    dafydd,
    closedOne,
    {
      reasons:
        "Unlikely to result in a risk to anyone's rights and freedoms: the recipient is entitled to the information at work, deleted it unread and confirmed it in writing.",
    },
    subHours(awareAt, -4),
  );
  await closeBreach(
    db,
    dafydd,
    closedOne,
    {
      lessonsLearned:
        "Address suggestions offered the personal address first. IT turned them off for personal addresses, and the team was reminded to check the address before sending.",
    },
    subDays(awareAt, -6),
  );
}
