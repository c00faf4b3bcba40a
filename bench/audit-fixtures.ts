import { canonicalJson, chainHash, GENESIS_HASH } from "../src/platform/audit/chain";
import { type ActorSnapshot, AUDIT_SCHEMA_VERSION, type AuditBody } from "../src/platform/audit/events";
import type { Role } from "../src/platform/auth/roles";

/**
 * Deterministic, realistic audit events with the real chain, for loading in bulk. Bodies are
 * built exactly as src/platform/audit/write.ts builds them (event + v + seq + at + actor, canonical JSON).
 */
export interface ChainedEvent {
  seq: number;
  prevHash: Buffer;
  hash: Buffer;
  body: string;
}

/** Small xorshift PRNG: the same seed gives the same log, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ORGANISATIONS = [
  "Westshire County Council Children's Services",
  "Northbrook Primary School",
  "Westshire Police",
  "Westshire Community Health NHS Trust",
  "Eastmoor Academy",
];
const NAMES = [
  "Amara Okafor",
  "Dafydd Pryce",
  "Joanna Kowalczyk",
  "Rosa Martínez",
  "Siobhán O'Connor",
  "Tomasz Wójcik",
  "Bernard Hale",
  "Gareth Ellis",
];
const ROLE_SETS: Role[][] = [
  ["practitioner"],
  ["practitioner", "safeguarding_lead"],
  ["ig_lead"],
  ["org_admin"],
  ["auditor"],
  ["partnership_admin"],
];

function makeActors(random: () => number): ActorSnapshot[] {
  const orgIds = ORGANISATIONS.map(() => uuidFrom(random));
  const actors: ActorSnapshot[] = [];
  for (let i = 0; i < 40; i++) {
    const org = i % ORGANISATIONS.length;
    actors.push({
      kind: "user",
      userId: uuidFrom(random),
      name: NAMES[i % NAMES.length]!,
      roles: [...ROLE_SETS[i % ROLE_SETS.length]!],
      organisationId: orgIds[org]!,
      organisationName: ORGANISATIONS[org]!,
    });
  }
  return actors;
}

/**
 * One event as canonical JSON, written straight out as a string: every object's keys are already
 * in sorted order, so this is byte-for-byte what canonicalJson() gives for the same body (checked
 * against canonicalJson on a sample in generateChain). Building objects and sorting keys for a
 * million events costs ~15 s; this costs ~1 s. Like AuditTrail.record, the top-level
 * organisationId is the actor's, or for an anonymous or system event about an account, the
 * account's.
 */
function eventJson(random: () => number, seq: number, at: string, actor: UserActor, target: UserActor): string {
  const tail = (organisationId: string) => `"organisationId":"${organisationId}","seq":${seq},`;
  const mine = tail(actor.organisationId);
  const v = AUDIT_SCHEMA_VERSION;
  const r = random();
  if (r < 0.45) {
    const view = VIEWS[Math.floor(random() * VIEWS.length)]!;
    const listing = view.endsWith("list") || view.endsWith("index");
    const details = listing ? `{"count":${1 + Math.floor(random() * 50)},"view":"${view}"}` : `{"view":"${view}"}`;
    const entity = listing ? `{"id":"${actor.organisationId}","type":"organisation"}` : `{"id":"${target.userId}","type":"user"}`;
    return `{"actor":${actor.json},"at":"${at}","details":${details},"entity":${entity},${mine}"type":"personal_data.viewed","v":${v}}`;
  }
  if (r < 0.7) {
    const secondFactor = random() < 0.6 ? "totp" : "none";
    return `{"actor":${ANONYMOUS},"at":"${at}","details":{"secondFactor":"${secondFactor}"},"entity":{"id":"${actor.userId}","type":"user"},${mine}"type":"auth.signed_in","v":${v}}`;
  }
  if (r < 0.8) {
    const idle = random() < 0.5;
    return `{"actor":${idle ? SESSION_EXPIRY : actor.json},"at":"${at}","details":{"reason":"${idle ? "idle" : "user"}"},"entity":{"id":"${actor.userId}","type":"user"},${mine}"type":"auth.signed_out","v":${v}}`;
  }
  if (r < 0.9) {
    return `{"actor":${actor.json},"at":"${at}","details":{"fields":["roles"],"roles":["practitioner","safeguarding_lead"]},"entity":{"id":"${target.userId}","type":"user"},${mine}"type":"user.updated","v":${v}}`;
  }
  if (r < 0.97) {
    return `{"actor":${ANONYMOUS},"at":"${at}","details":{"reason":"wrong_password"},"entity":{"id":"${target.userId}","type":"user"},${tail(target.organisationId)}"type":"auth.sign_in_failed","v":${v}}`;
  }
  return `{"actor":${actor.json},"at":"${at}","details":{"fields":["dpo","name"]},"entity":{"id":"${actor.organisationId}","type":"organisation"},${mine}"type":"organisation.updated","v":${v}}`;
}

const VIEWS = ["web.users.show", "web.users.index", "api.users.list", "api.users.get"];
const ANONYMOUS = canonicalJson({ kind: "anonymous" } satisfies ActorSnapshot);
const SESSION_EXPIRY = canonicalJson({ kind: "system", name: "session expiry" } satisfies ActorSnapshot);
type UserActor = ActorSnapshot & { kind: "user"; json: string };

/**
 * Yields `count` chained events in batches, starting from the genesis hash. Timestamps advance by
 * up to five seconds per event from a fixed start. Every 997th body is re-serialised with the
 * app's canonicalJson() and must come out identical, so the fixture cannot drift from the app.
 */
export function* generateChain(count: number, batchSize = 10_000, seed = 42): Generator<ChainedEvent[]> {
  const random = rng(seed);
  const actors: UserActor[] = makeActors(random).map((a) => ({ ...(a as ActorSnapshot & { kind: "user" }), json: canonicalJson(a) }));
  let prevHash: Buffer = GENESIS_HASH;
  let at = Date.parse("2025-01-06T08:00:00.000Z");
  let batch: ChainedEvent[] = [];
  for (let seq = 1; seq <= count; seq++) {
    at += 1 + Math.floor(random() * 5000);
    const actor = actors[Math.floor(random() * actors.length)]!;
    const target = actors[Math.floor(random() * actors.length)]!;
    const body = eventJson(random, seq, new Date(at).toISOString(), actor, target);
    if (seq % 997 === 1 && canonicalJson(JSON.parse(body) as AuditBody) !== body) {
      throw new Error(`fixture body for seq ${seq} is not canonical JSON: ${body}`);
    }
    const hash = chainHash(prevHash, body);
    batch.push({ seq, prevHash, hash, body });
    prevHash = hash;
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
