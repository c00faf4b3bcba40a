/**
 * The sections that say how shared information is looked after, one set of rows each: transparency,
 * rights, security, retention, breaches, the DPIA, and review, variation and termination.
 */
import { ukDate } from "../../../../platform/dates/calendar";
import { type AgreementContent, DSP_TOOLKIT_LABELS } from "../content";
import { type Block, months, NOT_STATED, type OutlineRow, text } from "./blocks";

const rows = (...list: OutlineRow[]): Block[] => [{ kind: "rows", rows: list }];

export const transparency = (c: AgreementContent): Block[] =>
  rows(
    { label: "Privacy notices", value: text(c.transparency.privacyNotices) },
    { label: "How people are told", value: text(c.transparency.howSubjectsAreInformed) },
  );

export const rights = (c: AgreementContent): Block[] =>
  rows(
    { label: "Who handles which right", value: text(c.rights.handling) },
    {
      label: "Recipients told of corrections, erasure or restriction (Article 19)",
      value: c.rights.recipientNotification ? "Yes: every recipient is told" : "No",
    },
    { label: "Complaints", value: text(c.rights.complaints) },
  );

export const security = (c: AgreementContent): Block[] =>
  rows(
    { label: "Security measures", value: text(c.security.measures) },
    { label: "Data Security and Protection Toolkit", value: DSP_TOOLKIT_LABELS[c.security.dspToolkit] },
    { label: "Access control", value: text(c.security.accessControl) },
    { label: "Training", value: text(c.security.training) },
  );

export const retention = (c: AgreementContent): Block[] =>
  rows(
    { label: "Default retention period", value: c.retention.defaultMonths === null ? NOT_STATED : months(c.retention.defaultMonths) },
    { label: "Disposal method", value: text(c.retention.disposalMethod) },
  );

export const breach = (c: AgreementContent): Block[] =>
  rows(
    {
      label: "Notify the originating party",
      value:
        c.breach.notifyOriginatorWithinHours === null
          ? NOT_STATED
          : `Within ${c.breach.notifyOriginatorWithinHours} hours of becoming aware`,
    },
    { label: "Reporting to the ICO", value: text(c.breach.icoReporting) },
  );

export const dpia = (c: AgreementContent): Block[] =>
  rows({ label: "DPIA reference", value: text(c.dpia.reference) }, { label: "Completed on", value: ukDate(c.dpia.completedOn) });

export const review = (c: AgreementContent): Block[] =>
  rows(
    { label: "Review interval", value: `At least every ${months(c.review.intervalMonths)}` },
    { label: "Variation", value: text(c.review.variation) },
    { label: "Termination", value: text(c.review.termination) },
    {
      label: "Notice to leave",
      value: c.review.terminationNoticeDays === null ? NOT_STATED : `${c.review.terminationNoticeDays} days`,
    },
  );
