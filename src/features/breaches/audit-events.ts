import type { NoticeSentHow } from "./domain/notices";
import type { BreachPartyRole, BreachRisk, BreachState, NoticeAudience, ReportPhase } from "./domain/vocabulary";

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
  /** The ICO report pack was read: a kept report's (`reportId`) or the draft from the facts now, as JSON, a page or a PDF. Names no one. */
  | { type: "breach.ico_pack_read"; entity: BreachRef; details: { reportId: string | null; draft: boolean; format: IcoPackFormat } }
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
  | { type: "breach.party_viewed"; entity: BreachRef; details: { view: string; partyIds: string[] } }
  | BreachNoticeAuditEvent;

export type IcoPackFormat = "json" | "page" | "pdf";

/** Notices to the people affected (Art 34, BR-NOTICE-SAFE): whose, to whom, how; never the notice's words. */
type NoticeRef = { noticeId: string; subjectId: string; addresseeSubjectId: string };
type BreachNoticeAuditEvent =
  | { type: "breach.notice_drafted"; entity: BreachRef; details: NoticeRef & { audience: NoticeAudience } }
  | { type: "breach.notice_edited"; entity: BreachRef; details: NoticeRef }
  | { type: "breach.notice_sent"; entity: BreachRef; details: NoticeRef & { how: NoticeSentHow; individualsTold: boolean } }
  | { type: "breach.notice_withheld"; entity: BreachRef; details: NoticeRef }
  | {
      type: "breach.notice_refused";
      entity: BreachRef;
      details: { noticeId: string | null; subjectId: string; addresseeSubjectId: string; when: "drafting" | "sending"; linkIds: string[] };
    };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    breaches: BreachesAuditEvent;
  }
  interface AuditEntityCatalogue {
    breaches: "breach";
  }
}
