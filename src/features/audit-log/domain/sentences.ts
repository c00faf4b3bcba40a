import { message } from "../../../platform/messages";
import { AGREEMENTS_MESSAGES } from "../../agreements/domain/messages";
import { API_CLIENTS_MESSAGES } from "../../api-clients/domain/messages";
import { BACKGROUND_JOBS_MESSAGES } from "../../background-jobs/domain/messages";
import { BREACHES_MESSAGES } from "../../breaches/domain/messages";
import { NOTIFICATIONS_MESSAGES } from "../../notifications/domain/messages";
import { ORGANISATIONS_MESSAGES } from "../../organisations-and-users/domain/messages";
import { RECORDS_MESSAGES } from "../../records/domain/messages";
import { RETENTION_MESSAGES } from "../../retention/domain/messages";
import { RIGHTS_MESSAGES } from "../../rights/domain/messages";
import { SETTINGS_MESSAGES } from "../../settings/domain/messages";
import { SHARING_MESSAGES } from "../../sharing/domain/messages";
import { SIGN_IN_MESSAGES } from "../../sign-in/domain/messages";
import { WEBHOOKS_MESSAGES } from "../../webhooks/domain/messages";
import { AUDIT_LOG_MESSAGES } from "./messages";

const words = AUDIT_LOG_MESSAGES.en;

/**
 * Every event type's sentence, gathered from the catalogue of whoever declares the event: each
 * feature's `<feature>AuditEvent` group (named for the feature, as every catalogue group merged for the chronology must be distinct), and this feature's for the platform's and the demo seed's events.
 * test/unit/audit-log/sentences.test.ts checks every type declared in an audit-events.ts is here.
 */
export const EVENT_SENTENCES: Readonly<Record<string, string>> = {
  ...words.platformEvent,
  ...words.demoEvent,
  ...words.platformAuditEvent,
  ...SIGN_IN_MESSAGES.en.signInAuditEvent,
  ...ORGANISATIONS_MESSAGES.en.organisationsAuditEvent,
  ...SETTINGS_MESSAGES.en.settingsAuditEvent,
  ...RECORDS_MESSAGES.en.recordsAuditEvent,
  ...AGREEMENTS_MESSAGES.en.agreementsAuditEvent,
  ...SHARING_MESSAGES.en.sharingAuditEvent,
  ...RIGHTS_MESSAGES.en.rightsAuditEvent,
  ...NOTIFICATIONS_MESSAGES.en.notificationsAuditEvent,
  ...BACKGROUND_JOBS_MESSAGES.en.backgroundJobsAuditEvent,
  ...API_CLIENTS_MESSAGES.en.apiClientsAuditEvent,
  ...WEBHOOKS_MESSAGES.en.webhooksAuditEvent,
  ...RETENTION_MESSAGES.en.retentionAuditEvent,
  ...BREACHES_MESSAGES.en.breachesAuditEvent,
};

/** Who did it, as an event's actor snapshot has it (src/platform/audit/events.ts `ActorSnapshot`). */
type ActorSnapshot = { kind: "user"; name: string; apiClient?: { name: string } } | { kind: "system" } | { kind: "anonymous" };

/** What a sentence needs of an event: its type, who did it and what it was about. */
export interface DescribedEvent {
  type: string;
  actor: ActorSnapshot;
  entity?: { type: string; id: string };
}

/** The names the reader may see of the things events are about, keyed by `nameKey`. */
export type KnownNames = ReadonlyMap<string, string>;
export const nameKey = (entity: { type: string; id: string }) => `${entity.type}:${entity.id}`;

/** "Tomasz Wójcik viewed Kai Brennan's record". */
export function describeEvent(event: DescribedEvent, names: KnownNames): string {
  return fill(sentenceFor(event), { actor: actorName(event.actor), about: aboutPhrase(event.entity, names) });
}

export function actorName(actor: ActorSnapshot): string {
  if (actor.kind === "user")
    return actor.apiClient ? fill(words.actor.apiClient, { client: actor.apiClient.name, person: actor.name }) : actor.name;
  return actor.kind === "system" ? words.actor.system : words.actor.anonymous;
}

/** The event types a person can filter by, each labelled by its sentence about no one in particular, in alphabetical order. */
export function eventTypeOptions(): { value: string; text: string }[] {
  return Object.entries(EVENT_SENTENCES)
    .map(([value, sentence]) => ({ value, text: fill(sentence, { actor: words.actor.someone, about: words.actor.something }) }))
    .sort((a, b) => a.text.localeCompare(b.text, "en-GB"));
}

function sentenceFor(event: DescribedEvent): string {
  const viewedList = words.viewedList as Readonly<Record<string, string>>;
  if (event.type === "personal_data.viewed" && event.entity && viewedList[event.entity.type]) return viewedList[event.entity.type]!;
  // An event of a kind retired since it was recorded still says who did something.
  return EVENT_SENTENCES[event.type] ?? "{actor} did something the audit log has no words for";
}

function aboutPhrase(entity: DescribedEvent["entity"], names: KnownNames): string {
  if (!entity) return words.actor.unknownAccount;
  const named = words.about as Readonly<Record<string, string>>;
  const unnamed = words.aboutUnnamed as Readonly<Record<string, string>>;
  const name = names.get(nameKey(entity));
  if (name !== undefined && named[entity.type]) return fill(named[entity.type]!, { name });
  return unnamed[entity.type] ?? (named[entity.type]?.includes("{name}") ? undefined : named[entity.type]) ?? words.actor.unknownThing;
}

const fill = (template: string, params: Record<string, string>) => message({ sentence: { one: template } }, "sentence.one", params);
