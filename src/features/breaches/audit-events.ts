import type { BreachPartyRole, BreachRisk, BreachState, ReportPhase } from "./domain/vocabulary";

type BreachRef = { type: "breach"; id: string };

/**
 * Breaches (issue 22): the register's changes. Ids, codes and counts only: never what happened, the
 * reasoning or anyone's name, so the log may outlive the register.
 */
export type BreachesAuditEvent =
  | {
      type: "breach.recorded";
      entity: BreachRef;
      details: { reference: number; subjects: number; subjectIds: string[]; disclosureId: string | null; accessRevoked: boolean };
    }
  | { type: "breach.facts_changed"; entity: BreachRef; details: { fields: string[]; subjectIds?: string[] } }
  | { type: "breach.risk_assessed"; entity: BreachRef; details: { risk: BreachRisk } }
  | { type: "breach.ico_reported"; entity: BreachRef; details: { reportId: string; phase: ReportPhase; late: boolean } }
  | { type: "breach.not_reported"; entity: BreachRef; details: Record<string, never> }
  | { type: "breach.state_changed"; entity: BreachRef; details: { from: BreachState; to: BreachState } }
  | { type: "breach.closed"; entity: BreachRef; details: { from: BreachState } }
  // The other organisations a breach involves (BR-CONTAIN, BR-TELL-CONTROLLER): services/parties.ts, services/party-view.ts.
  | {
      type: "breach.party_added";
      entity: BreachRef;
      details: { partyId: string; role: BreachPartyRole; partyOrganisationId: string; termHours: number | null };
    }
  | {
      type: "breach.party_told";
      entity: BreachRef;
      details: { partyId: string; role: BreachPartyRole; partyOrganisationId: string; late: boolean };
    }
  | { type: "breach.deletion_confirmed"; entity: BreachRef; details: { partyId: string; partyOrganisationId: string } }
  | { type: "breach.party_viewed"; entity: BreachRef; details: { view: string; partyIds: string[] } };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    breaches: BreachesAuditEvent;
  }
  interface AuditEntityCatalogue {
    breaches: "breach";
  }
}
