import { sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Role } from "../../../platform/auth/roles";
import { ukDate } from "../../../platform/dates/calendar";
import type { Queryable } from "../../../platform/db/client";
import { queryPrepared } from "../../../platform/db/prepared";
import { visibleTo } from "../../../platform/db/scope";
import { type FieldError, NotFoundError, ValidationError } from "../../../platform/errors";
import type { OnwardDisclosure } from "../../agreements/domain";
import { agreements } from "../../agreements/schema";
import { assertWorksWithRecords, protectedDetailsSql } from "../../records";
import type { AccuracyState, RecordItemKind, SourceMethod } from "../../records/domain";
import { ITEM_CATEGORY_LABELS, type ItemCategory, mayDecideProtectedDetails } from "../../records/domain";
import { concerns, recordItems, subjects } from "../../records/schema";
import { rightsProcessingDecisions } from "../../rights/schema";
import {
  DEFAULT_LEVELS_OF_NEED,
  DEFAULT_SHARING_SETTINGS,
  type LevelOfNeed,
  levelsOfNeedInput,
  type SharingSettings,
  sharingSettingsInput,
} from "../../settings/domain";
import type { ShareDecisionInput } from "../domain/decision-input";
import { purposeSent, type SubjectForDisclosure, withProtectedRedactions } from "../domain/disclosure-snapshot";
import type { DecisionFacts, ItemFacts, ProcessingStop } from "../domain/evaluate-decision";
import {
  findProtectedMentions,
  findProtectedMentionsInItem,
  type ProtectedDetail,
  type ProtectedMention,
} from "../domain/protected-details";
import { informationRequests, shareApprovalRules, shareDecisions } from "../schema";
import { type AgreementFacts, type CoveringAgreement, compiledCovering } from "./covering-agreement";

/** A record item as a disclosure needs it: what was recorded, with its provenance and state. */
export interface ItemForSharing {
  id: string;
  category: ItemCategory;
  kind: RecordItemKind;
  text: string;
  eventDate: string;
  sourceName: string;
  sourceMethod: SourceMethod;
  sourceObtainedOn: string;
  historical: boolean;
  specialCategory: boolean;
  criminalOffence: boolean;
  accuracy: AccuracyState;
  /** The protected details of the person and the people linked to them written in its text or its source (GR5-PROTECT-IDENTITIES). */
  protectedMentions: ProtectedMention[];
}

/** Everything a decision is checked against and built from, loaded within the actor's scope. */
export interface GatheredFacts {
  facts: DecisionFacts;
  subject: SubjectForDisclosure & { id: string; organisationId: string };
  items: ReadonlyMap<string, ItemForSharing>;
  covering: CoveringAgreement | null;
  recipient: { id: string; name: string } | null;
  recipientUserName: string | null;
  approvalRequired: boolean;
  settings: SharingSettings;
  /** The partnership's scale of need: the words of the level a decision was made at. */
  levelsOfNeed: readonly LevelOfNeed[];
  /** The actor's email: who to contact about a disclosure they decide to send. */
  actorEmail: string;
  addresses: { lines: string; postcode: string | null; protected: boolean }[];
  /** The protected details written in the purpose the recipient is sent: always taken out. */
  purposeMentions: ProtectedMention[];
  /** The information request the decision answers, if it names one made to the actor's organisation. */
  request: RequestAnswered | null;
  /** A decision already recorded with this idempotency key, if one was asked about. */
  existing: { id: string; requestHash: string } | null;
}

/**
 * The request a decision answers, with what the answer needs to reach the requester: who asked, and
 * the requester's own record of the person (never shown to the organisation answering).
 */
export interface RequestAnswered {
  status: string;
  number: number;
  requestingOrganisationId: string;
  requestingName: string;
  requestingSubjectId: string | null;
  askedBy: string;
}

interface FactsRow {
  subject: (SubjectForDisclosure & { id: string; organisationId: string }) | null;
  sender_public: boolean | null;
  items:
    | (Omit<ItemForSharing, "protectedMentions"> & {
        restricted: boolean;
        originOnward: OnwardDisclosure | null;
        originName: string | null;
      })[]
    | null;
  recipient: { id: string; name: string } | null;
  recipient_user: { name: string; roles: Role[]; organisationId: string; active: boolean } | null;
  addresses: GatheredFacts["addresses"] | null;
  approval: boolean;
  settings: unknown;
  levels: unknown;
  actor_email: string;
  concern_ok: boolean;
  request: RequestAnswered | null;
  agreement: AgreementFacts | null;
  existing: { id: string; requestHash: string } | null;
  stops: ProcessingStop[] | null;
  protected: ProtectedDetail[];
}

/**
 * Loads the facts for one decision in one round trip: a decision is recorded many times a second
 * across a partnership, and each query is a trip to the database. Whatever the answers point at
 * must exist and be the actor's to use (their organisation's items about this person, a member
 * organisation, a person working there, a concern about this child, a request addressed to them);
 * anything else is a field error naming the answer, fixed where it was given.
 */
export async function gatherFacts(
  q: Queryable,
  actor: Actor,
  input: ShareDecisionInput,
  today: string,
  idempotencyKey?: string,
): Promise<GatheredFacts> {
  assertWorksWithRecords(actor);
  const org = actor.organisationId;
  const itemIds = [...new Set((input.items.items ?? []).map((i) => i.itemId))];
  const { organisationId: recipientId = null, userId: recipientUserId = null, agreementId = null } = input.recipient;
  const [row] = await queryPrepared<FactsRow>(
    q,
    sql`
    select
      (select json_build_object('id', subject.id, 'organisationId', subject.organisation_id, 'kind', subject.kind,
              'givenNames', subject.given_names, 'familyName', subject.family_name, 'dateOfBirth', subject.date_of_birth,
              'expectedDate', subject.expected_date, 'nhsNumber', subject.nhs_number, 'upn', subject.upn, 'phone', subject.phone,
              'email', subject.email)
         from subject where subject.id = ${input.subjectId} and ${visibleTo(actor, subjects)}) as subject,
      (select is_public_authority from organisation where id = ${org}) as sender_public,
      (select json_agg(json_build_object('id', record_item.id, 'category', record_item.category, 'kind', record_item.kind,
              'text', record_item.text, 'eventDate', record_item.event_date, 'sourceName', record_item.source_name,
              'sourceMethod', record_item.source_method, 'sourceObtainedOn', record_item.source_obtained_on,
              'historical', record_item.historical, 'specialCategory', record_item.special_category,
              'criminalOffence', record_item.criminal_offence, 'accuracy', record_item.accuracy,
              'restricted', record_item.restricted_at is not null, 'originOnward', o.onward_disclosure, 'originName', oo.name))
         from record_item
         left join record_item_origin o on o.item_id = record_item.id
         left join organisation oo on oo.id = o.from_organisation_id
        where record_item.id = any(${sql.param(itemIds)}::uuid[]) and record_item.subject_id = ${input.subjectId}
          and ${visibleTo(actor, recordItems)}) as items,
      (select json_build_object('id', id, 'name', name) from organisation where id = ${recipientId}) as recipient,
      (select json_build_object('name', name, 'roles', roles, 'organisationId', organisation_id, 'active', deactivated_at is null)
         from app_user where id = ${recipientUserId}) as recipient_user,
      (select json_agg(json_build_object('lines', lines, 'postcode', postcode, 'protected', protected))
         from subject_address where subject_id = ${input.subjectId} and current) as addresses,
      exists (select 1 from share_approval_rule
               where ${visibleTo(actor, shareApprovalRules)} and purpose_code = ${input.purpose.code ?? null}) as approval,
      (select value from partnership_setting where key = 'sharing') as settings,
      (select value from partnership_setting where key = 'levelsOfNeed') as levels,
      (select email from app_user where id = ${actor.userId}) as actor_email,
      exists (select 1 from concern
               where id = ${input.purpose.concernId ?? null} and subject_id = ${input.subjectId} and ${visibleTo(actor, concerns)}) as concern_ok,
      (select json_build_object('status', information_request.status, 'number', information_request.number,
              'requestingOrganisationId', information_request.requesting_organisation_id, 'requestingName', ro.name,
              'requestingSubjectId', information_request.requesting_subject_id, 'askedBy', information_request.requested_by_name)
         from information_request join organisation ro on ro.id = information_request.requesting_organisation_id
        where information_request.id = ${input.informationRequestId ?? null}
          and ${visibleTo(actor, informationRequests, "requested")}) as request,
      (select json_build_object('number', agreement.number, 'status', agreement.status, 'inForceVersion', agreement.in_force_version,
              'nextReviewDate', agreement.next_review_date, 'parentId', p.id, 'parentNumber', p.number, 'parentStatus', p.status,
              'parentInForceVersion', p.in_force_version, 'parentNextReviewDate', p.next_review_date)
         from agreement left join agreement p on p.id = agreement.parent_agreement_id
        where agreement.id = ${agreementId} and ${visibleTo(actor, agreements)}) as agreement,
      (select json_build_object('id', id, 'requestHash', request_hash) from share_decision
        where ${visibleTo(actor, shareDecisions)} and idempotency_key = ${idempotencyKey ?? null}) as existing,
      (select json_agg(json_build_object('article6', d.article6, 'right', d.right, 'reference', r.public_reference))
         from (select distinct on (rights_processing_decision.request_id, rights_processing_decision.article6) rights_processing_decision.*
                 from rights_processing_decision
                 join rights_request_subject rs on rs.request_id = rights_processing_decision.request_id
                where rs.subject_id = ${input.subjectId} and ${visibleTo(actor, rightsProcessingDecisions)}
                order by rights_processing_decision.request_id, rights_processing_decision.article6, rights_processing_decision.at desc) d
         join rights_request r on r.id = d.request_id
        where d.decision = 'STOP') as stops,
      ${protectedDetailsSql(input.subjectId, org)} as protected
  `,
  );
  if (!row?.subject) throw new NotFoundError("The person's record");

  // Each chosen item's text and source, and the free text sent as written, searched once for the
  // protected details of the person and those linked to them.
  const items = new Map((row.items ?? []).map((i) => [i.id, { ...i, protectedMentions: findProtectedMentionsInItem(i, row.protected) }]));
  const purposeMentions = findProtectedMentions(purposeSent(input), row.protected);
  const kinds = (mentions: readonly ProtectedMention[]) => mentions.map(({ kind, ofSubject }) => ({ kind, ofSubject }));
  // A retry of a decision already recorded is answered with that decision, not judged again: what it
  // pointed at may have moved on because of it (the request it answered is no longer open).
  const errors = row.existing ? [] : fieldErrors(input, row, items);
  if (errors.length) throw new ValidationError(errors);
  const covering =
    agreementId && row.agreement ? await compiledCovering(q, agreementId, input.recipient.agreementVersion ?? null, row.agreement) : null;
  const user = row.recipient_user;
  return {
    facts: {
      input,
      today,
      sender: { organisationId: org, isPublicAuthority: row.sender_public ?? true },
      deciderRoles: actor.roles,
      servesAgreement: actor.apiClient?.agreement ?? null,
      recipientUserRoles: user ? user.roles : null,
      items: new Map<string, ItemFacts>(
        [...items.values()].map((i) => [
          i.id,
          {
            label: `the ${ITEM_CATEGORY_LABELS[i.category].toLowerCase()} item dated ${ukDate(i.eventDate)}`,
            protectedDetails: kinds(i.protectedMentions),
            category: i.category,
            specialCategory: i.specialCategory,
            criminalOffence: i.criminalOffence,
            accuracy: i.accuracy,
            restricted: i.restricted,
            receivedFrom: i.originOnward ? { organisationName: i.originName ?? "another organisation", onward: i.originOnward } : null,
          },
        ]),
      ),
      subjectHasProtectedAddress: (row.addresses ?? []).some((a) => a.protected),
      protectedDetailsIn: {
        purpose: kinds(purposeMentions),
        // Only an organisation that asked reads the reasons: otherwise they stay in the sender's record.
        reasons: input.informationRequestId ? kinds(findProtectedMentions(input.decision.reasons ?? "", row.protected)) : [],
      },
      processingStops: row.stops ?? [],
      agreement: covering?.compiled ?? null,
    },
    subject: row.subject,
    items,
    covering,
    recipient: row.recipient,
    recipientUserName: user?.name ?? null,
    approvalRequired: row.approval,
    settings: row.settings ? sharingSettingsInput.parse(row.settings) : DEFAULT_SHARING_SETTINGS,
    levelsOfNeed: levelsOf(row),
    actorEmail: row.actor_email,
    addresses: row.addresses ?? [],
    purposeMentions,
    request: row.request,
    existing: row.existing,
  };
}

/**
 * The answers as the decision records them and its disclosure delivers them: with the protected
 * details Safeshare takes out by default (GR5-PROTECT-IDENTITIES), decided by who records or approves it.
 */
export function recordedAnswers(gathered: GatheredFacts, roles: readonly Role[]): ShareDecisionInput {
  return withProtectedRedactions(
    gathered.facts.input,
    (itemId) => gathered.items.get(itemId)?.protectedMentions ?? [],
    gathered.addresses.filter((a) => a.protected).length,
    mayDecideProtectedDetails(roles),
    gathered.purposeMentions,
  );
}

const levelsOf = (row: FactsRow): readonly LevelOfNeed[] => (row.levels ? levelsOfNeedInput.parse(row.levels) : DEFAULT_LEVELS_OF_NEED);

function fieldErrors(input: ShareDecisionInput, row: FactsRow, items: Map<string, ItemForSharing>): FieldError[] {
  const errors: FieldError[] = [];
  (input.items.items ?? []).forEach((choice, index) => {
    const item = items.get(choice.itemId);
    if (!item) {
      errors.push({ path: `/items/items/${index}/itemId`, message: "Choose items from this person's record" });
      return;
    }
    (choice.redactions ?? []).forEach((phrase, j) => {
      if (!item.text.includes(phrase)) {
        errors.push({
          path: `/items/items/${index}/redactions/${j}`,
          message: `"${phrase}" is not in the item's text, so cannot be redacted`,
        });
      }
    });
  });
  const { organisationId: recipientId, userId: recipientUserId, agreementId } = input.recipient;
  if (recipientId && !row.recipient)
    errors.push({ path: "/recipient/organisationId", message: "Select an organisation of the partnership" });
  const user = row.recipient_user;
  if (recipientUserId && (!user || user.organisationId !== recipientId || !user.active)) {
    errors.push({ path: "/recipient/userId", message: "Select someone who works at the recipient organisation" });
  }
  if (agreementId && !row.agreement)
    errors.push({ path: "/recipient/agreementId", message: "Select an agreement of the partnership's register" });
  if (input.purpose.levelOfNeed && !levelsOf(row).some((l) => l.code === input.purpose.levelOfNeed)) {
    errors.push({ path: "/purpose/levelOfNeed", message: "Select a level from the partnership's scale of need" });
  }
  if (input.purpose.concernId && !row.concern_ok) errors.push({ path: "/purpose/concernId", message: "Select a concern about this child" });
  if (input.informationRequestId && row.request?.status !== "OPEN") {
    errors.push({ path: "/informationRequestId", message: "Answer an open request made to your organisation" });
  }
  return errors;
}
