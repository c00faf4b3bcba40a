import { randomUUID } from "node:crypto";
import { subDays, subHours } from "date-fns";
import { eq } from "drizzle-orm";
import { agreements } from "../features/agreements/schema";
import { acknowledgeDisclosure, makeInformationRequest, recordShareDecision, setApprovalRules } from "../features/sharing";
import type { ShareDecisionInputRaw } from "../features/sharing/domain";
import type { Actor } from "../platform/auth/actor";
import type { Db } from "../platform/db/client";
import { demoActors, demoItemId as find, demoItems as itemsOf, demoSubjectId as subjectOf } from "./demo-actors";

/**
 * Demo sharing (issue 5), made through the same services people use, so decisions, disclosures,
 * chronologies, dashboards and the audit trail are all real: a share under the partnership agreement
 * not yet acknowledged (the school's dashboard chases it), a partial share from health, an Operation
 * Encompass notification from the police, a decision not to share that answers a request, an
 * emergency share awaiting its full record, one awaiting the school DSL's approval, and an open
 * request for the school to answer.
 */

const PEOPLE = {
  tomasz: "tomasz.wojcik@northbrook.example",
  siobhan: "siobhan.oconnor@northbrook.example",
  helen: "helen.ng@eastmoor.nhs.example",
  gareth: "gareth.ellis@police.westshire.example",
  joanna: "joanna.kowalczyk@westshire.example",
  chloe: "chloe.dubois@earlyhelp.westshire.example",
} as const;

export async function seedDemoSharing(db: Db, now = new Date()): Promise<void> {
  const { tomasz, siobhan, helen, gareth, joanna, chloe } = await demoActors(db, PEOPLE);
  const [tier1] = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.tier, "STRATEGIC"));
  const record = (actor: Actor, input: ShareDecisionInputRaw, at: Date) => recordShareDecision(db, actor, input, randomUUID(), at);

  const kai = await subjectOf(db, tomasz, "Kai", "Brennan-Nowak");
  const kaiItems = await itemsOf(db, kai);

  // Northbrook Primary refers Kai to children's social care, under the partnership agreement; not yet acknowledged.
  await record(
    tomasz,
    {
      subjectId: kai,
      purpose: {
        code: "CHILD_IN_NEED_S17",
        description: "Referral for an assessment of Kai's needs after his account of violence at home",
        levelOfNeed: "CHILD_IN_NEED_S17",
      },
      information: { personal: true, confidential: true, thirdParty: true },
      recipient: {
        organisationId: joanna.organisationId,
        role: "SOCIAL_WORKER",
        userId: joanna.userId,
        routine: false,
        agreementId: tier1?.id ?? null,
      },
      transparency: {
        informed: false,
        notInformedReason: "Telling his mother now could place Kai at risk from her partner",
        capacity: "NOT_CAPABLE",
        parentalResponsibility: "Mother, Megan Brennan",
        childViews: "Kai said he wants the shouting to stop and does not want to get Darren into trouble.",
        consentStatus: "NOT_SOUGHT",
        consentNotSoughtReason: "UNSAFE_TO_SEEK",
      },
      lawfulBasis: {
        article6: "A6_1E_PUBLIC_TASK",
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WSS-APD-1",
        gateway: "CA2004_S11",
        commonLaw: "CL_PUBLIC_INTEREST",
      },
      items: {
        items: [
          { itemId: find(kaiItems, "Attendance this half term"), share: true },
          { itemId: find(kaiItems, "Darren shouts"), share: true },
        ],
        subjectDetails: ["dateOfBirth", "upn", "addresses"],
      },
      advice: {
        sought: true,
        adviserName: siobhan.name,
        adviserRole: "Designated safeguarding lead",
        advice: "Refer today: do not tell mother first.",
        anonymised: false,
      },
      decision: {
        outcome: "SHARE",
        reasons: "Kai's account of violence at home, with his withdrawal and falling attendance, suggests he may be a child in need.",
        necessityAndProportionality: "Only what the school knows that bears on Kai's safety; nothing about other pupils.",
      },
      acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
    },
    subDays(now, 2),
  );

  // Eastmoor NHS health visiting: a partial share about the unborn baby; the opinion about mother's mood is withheld.
  const baby = await subjectOf(db, helen, "Baby", "Rahman");
  const babyItems = await itemsOf(db, baby);
  const partial = await record(
    helen,
    {
      subjectId: baby,
      purpose: { code: "EARLY_HELP", description: "Pre-birth early help offer for the family", levelOfNeed: "EARLY_HELP" },
      information: { personal: true, confidential: true, thirdParty: false },
      recipient: { organisationId: chloe.organisationId, role: "EARLY_HELP_PRACTITIONER", userId: chloe.userId, routine: false },
      transparency: {
        informed: true,
        capacity: "CAPABLE",
        parentalResponsibility: "Mother",
        consentStatus: "GIVEN",
        consentDetails: "Aisha Rahman agreed at the 26-week visit to a referral to early help.",
      },
      lawfulBasis: {
        article6: "A6_1E_PUBLIC_TASK",
        article9: ["A9_2H_S1P2_HEALTH_SOCIAL_CARE"],
        commonLaw: "CL_CONSENT",
        gateway: "CA2004_S10",
      },
      items: {
        items: [
          { itemId: find(babyItems, "Antenatal contact"), share: true },
          {
            itemId: find(babyItems, "low mood"),
            share: false,
            withheldReason: "Mother's mood is being supported through perinatal mental health; not needed for the early help offer.",
          },
        ],
        subjectDetails: ["dateOfBirth"],
      },
      advice: { sought: false },
      decision: {
        outcome: "PARTIAL_SHARE",
        reasons: "Early help can offer support before the birth; the booking history is relevant, her mental health is not needed.",
        necessityAndProportionality: "The antenatal history only.",
      },
      acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
    },
    subDays(now, 4),
  );
  if (partial.detail.disclosure) await acknowledgeDisclosure(db, chloe, partial.detail.disclosure.id, subDays(now, 3));

  // Westshire Police: an Operation Encompass notification to the school's DSL, acknowledged.
  const kaiPolice = await subjectOf(db, gareth, "Kai", "Brennan-Nowak");
  const kaiPoliceItems = await itemsOf(db, kaiPolice);
  const encompass = await record(
    gareth,
    {
      subjectId: kaiPolice,
      purpose: {
        code: "CHILD_IN_NEED_S17",
        description: "Operation Encompass: the school should know Kai was present at a domestic abuse incident",
      },
      information: { personal: true, confidential: false, thirdParty: true },
      recipient: {
        organisationId: siobhan.organisationId,
        role: "SAFEGUARDING_LEAD",
        userId: siobhan.userId,
        routine: true,
        agreementId: tier1?.id ?? null,
      },
      transparency: {
        informed: false,
        notInformedReason: "Operation Encompass notifications are made without telling the family first",
        capacity: "NOT_CAPABLE",
        consentStatus: "NOT_SOUGHT",
        consentNotSoughtReason: "WOULD_PREJUDICE_INVESTIGATION",
      },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", gateway: "CA2004_S11" },
      items: {
        items: [{ itemId: find(kaiPoliceItems, "Operation Encompass"), share: true }],
        subjectDetails: ["dateOfBirth"],
        itemException: "Operation Encompass notification agreed by the partnership",
      },
      advice: { sought: false },
      decision: {
        outcome: "SHARE",
        reasons: "The school can support Kai the next morning.",
        necessityAndProportionality: "That he was present, not the details of the incident.",
      },
      acknowledgedWarnings: ["GR4-SEEK-ADVICE", "GR5-PROTECT-IDENTITIES", "DSA-ITEM"],
    },
    subDays(now, 6),
  );
  if (encompass.detail.disclosure) await acknowledgeDisclosure(db, siobhan, encompass.detail.disclosure.id, subDays(now, 5));

  // The school asks the police about Darren Pike; the police decide not to share, and say why.
  const askPolice = await makeInformationRequest(
    db,
    siobhan,
    {
      requestedOrganisationId: gareth.organisationId,
      requestingSubjectId: await subjectOf(db, tomasz, "Darren", "Pike"),
      subject: { givenNames: "Darren", familyName: "Pike" },
      purposeCode: "CHILD_IN_NEED_S17",
      purpose: "Darren lives with a pupil: is there anything the school should know to keep Kai safe at pick-up?",
      gateway: "EA2002_S175",
      urgency: "URGENT",
    },
    subDays(now, 3),
  );
  await record(
    gareth,
    {
      subjectId: await subjectOf(db, gareth, "Darren", "Pike"),
      informationRequestId: askPolice,
      purpose: { code: "CHILD_IN_NEED_S17", description: "The school's question about Darren Pike" },
      recipient: { organisationId: siobhan.organisationId },
      decision: {
        outcome: "DO_NOT_SHARE",
        reasons:
          "There is an active investigation: disclosing its details would prejudice it. The school has what it needs from the Operation Encompass notification; children's social care is aware.",
        otherHolderOrganisationId: joanna.organisationId,
      },
    },
    subDays(now, 2),
  );

  // An emergency share from the school to the police two hours ago: its full record is still due.
  await record(
    tomasz,
    {
      subjectId: kai,
      emergency: { immediateRisk: true, reason: "Kai says Darren will collect him from school today and take him away" },
      recipient: { organisationId: gareth.organisationId, role: "POLICE_SAFEGUARDING" },
      items: { items: [{ itemId: find(kaiItems, "Darren shouts"), share: true }], subjectDetails: ["dateOfBirth", "addresses"] },
    },
    subHours(now, 2),
  );

  // Northbrook's early help referrals need the DSL's approval: one is waiting for Siobhán.
  await setApprovalRules(db, siobhan, { purposes: ["EARLY_HELP"] });
  await record(
    tomasz,
    {
      subjectId: kai,
      purpose: { code: "EARLY_HELP", description: "Breakfast club and family support", levelOfNeed: "EARLY_HELP" },
      information: { personal: true, confidential: false, thirdParty: false },
      recipient: { organisationId: chloe.organisationId, role: "EARLY_HELP_PRACTITIONER", routine: false },
      transparency: {
        informed: true,
        capacity: "NOT_CAPABLE",
        parentalResponsibility: "Mother",
        consentStatus: "GIVEN",
        consentDetails: "Megan Brennan agreed at pick-up to an early help referral.",
      },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", gateway: "CA2004_S10" },
      items: { items: [{ itemId: find(kaiItems, "withdrawn since the autumn"), share: true }], subjectDetails: ["dateOfBirth"] },
      advice: { sought: false },
      decision: {
        outcome: "SHARE",
        reasons: "Support for the family before things get worse.",
        necessityAndProportionality: "The class teacher's view only.",
      },
      acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
    },
    subHours(now, 5),
  );

  // Children's social care asks the school for Kai's records before a strategy discussion: open, due next working day.
  await makeInformationRequest(
    db,
    joanna,
    {
      requestedOrganisationId: tomasz.organisationId,
      subject: { givenNames: "Kai", familyName: "Brennan-Nowak", dateOfBirth: "2017-09-14" },
      purposeCode: "CHILD_PROTECTION_S47",
      purpose: "Strategy discussion: attendance, any disclosures, and who collects Kai from school",
      gateway: "CA1989_S47",
      urgency: "SAFEGUARDING_REFERRAL",
    },
    subHours(now, 1),
  );
}
