import type { AgreementDocument, OrganisationSummary } from "../../src/features/agreements/domain/document";
import { effectiveContent } from "../../src/features/agreements/domain/inheritance";
import { modelTemplate } from "../../src/features/agreements/domain/model-template";

/**
 * A hand-built AgreementDocument for renderer tests: three parties with non-ASCII names (a Welsh-medium
 * school, a Polish signatory, an Irish one), one party signed, one with a signatory who has not signed
 * and one with no signatory named yet.
 */

const ORG = {
  school: "11111111-1111-4111-8111-111111111111",
  council: "22222222-2222-4222-8222-222222222222",
  police: "33333333-3333-4333-8333-333333333333",
} as const;

const USER = {
  zoe: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
  lukasz: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
} as const;

const organisations: Record<string, OrganisationSummary> = {
  [ORG.school]: {
    id: ORG.school,
    name: "Ysgol Gymraeg Bro Taf",
    icoRegistration: "ZA123456",
    dpoName: "Siân Prydderch",
    dpoEmail: "dpo@brotaf.example",
  },
  [ORG.council]: {
    id: ORG.council,
    name: "Cyngor Caerdydd – Gwasanaethau Plant",
    icoRegistration: "Z5678901",
    dpoName: null,
    dpoEmail: null,
  },
  [ORG.police]: {
    id: ORG.police,
    name: "Heddlu De Cymru (South Wales Police)",
    icoRegistration: null,
    dpoName: "Ōsaka Brønsted",
    dpoEmail: "dpo@police.example",
  },
};

export function sampleDocument(options: { tier?: "STRATEGIC" | "OPERATIONAL" } = {}): AgreementDocument {
  const tier = options.tier ?? "STRATEGIC";
  const parentId = "99999999-9999-4999-8999-999999999999";
  const partyOrganisationIds = [ORG.school, ORG.council, ORG.police];
  const own = modelTemplate({
    title: "Rhannu gwybodaeth i ddiogelu plant: Bro Taf",
    tier,
    parentAgreementId: tier === "OPERATIONAL" ? parentId : null,
    partyOrganisationIds,
  });
  const [school, council, police] = own.parties;
  Object.assign(school!, {
    signatoryUserId: USER.zoe,
    signatoryJobTitle: "Pennaeth (Headteacher)",
    contactName: "Zoë Ní Bhriain",
    contactEmail: "zoe@brotaf.example",
  });
  Object.assign(council!, {
    signatoryUserId: USER.lukasz,
    signatoryJobTitle: "Head of Children’s Safeguarding",
    contactName: "Łukasz Wójcik",
  });
  Object.assign(police!, { controllerRelationship: "JOINT" });

  const parent =
    tier === "OPERATIONAL"
      ? modelTemplate({ title: "Cardiff safeguarding partnership DSA", tier: "STRATEGIC", partyOrganisationIds })
      : null;
  const { content, inherited } = effectiveContent(own, parent);

  return {
    agreementId: "44444444-4444-4444-8444-444444444444",
    reference: "DSA-0007",
    title: own.documentControl.title,
    tier,
    status: "AWAITING_SIGNATURES",
    version: 1,
    versionState: "AWAITING_SIGNATURES",
    versionKind: "ORIGINAL",
    changeSummary: null,
    inForceVersion: null,
    inForceSince: null,
    lastReviewedOn: null,
    nextReviewDate: "2027-04-01",
    owner: organisations[ORG.school]!,
    parent: parent ? { id: parentId, reference: "DSA-0001", title: "Cardiff safeguarding partnership DSA", version: 3 } : null,
    parentInForce: parent
      ? {
          reference: "DSA-0001",
          title: "Cardiff safeguarding partnership DSA",
          status: "ACTIVE",
          inForceVersion: 3,
          nextReviewDate: "2027-01-01",
        }
      : null,
    content,
    inherited,
    organisations,
    users: { [USER.zoe]: { name: "Zoë Ní Bhriain" }, [USER.lukasz]: { name: "Łukasz Wójcik" } },
    signatures: [
      {
        organisationId: ORG.school,
        version: 1,
        kind: "SIGNATURE",
        signatoryName: "Zoë Ní Bhriain",
        signatoryJobTitle: "Pennaeth (Headteacher)",
        signedAt: "2026-03-31T23:30:00.000Z",
      },
    ],
    generatedAt: "2026-04-02T13:05:00.000Z",
  };
}
