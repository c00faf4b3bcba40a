import { type DateParts, dateFromParts, datePartsOf } from "../../../../platform/dates/calendar";
import type { FieldError } from "../../../../platform/errors";
import { str } from "../../../../platform/web-kit/forms";
import { combine, type SectionForm, simple, text, wholeNumber } from "./section-form";

/**
 * The edit forms for how shared information is looked after: transparency, rights, security,
 * retention, breaches, the DPIA, and review, variation and termination.
 */

export const transparency = simple("transparency", ["privacyNotices", "howSubjectsAreInformed"], (v) => ({
  privacyNotices: text(v, "privacyNotices"),
  howSubjectsAreInformed: text(v, "howSubjectsAreInformed"),
}));

export const rights: SectionForm = {
  fromContent: (c) => ({ ...c.rights, recipientNotification: c.rights.recipientNotification ? "yes" : "no" }),
  fromBody: (body) => ({
    handling: str(body, "rights-handling"),
    recipientNotification: str(body, "rights-recipientNotification"),
    complaints: str(body, "rights-complaints"),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    if (values.recipientNotification !== "yes" && values.recipientNotification !== "no") {
      errors.push({
        path: "/rights/recipientNotification",
        message: "Select whether every recipient is told of a correction, erasure or restriction",
      });
    }
    const value = {
      handling: text(values, "handling"),
      recipientNotification: values.recipientNotification !== "no",
      complaints: text(values, "complaints"),
    };
    return { patch: { rights: value }, errors: combine(errors, "rights", value) };
  },
};

export const security = simple("security", ["measures", "dspToolkit", "accessControl", "training"], (v) => ({
  measures: text(v, "measures"),
  dspToolkit: text(v, "dspToolkit") || undefined,
  accessControl: text(v, "accessControl"),
  training: text(v, "training"),
}));

export const retention: SectionForm = {
  fromContent: (c) => ({
    defaultMonths: c.retention.defaultMonths === null ? "" : String(c.retention.defaultMonths),
    disposalMethod: c.retention.disposalMethod,
  }),
  fromBody: (body) => ({ defaultMonths: str(body, "retention-defaultMonths"), disposalMethod: str(body, "retention-disposalMethod") }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      defaultMonths: wholeNumber(
        values.defaultMonths,
        "/retention/defaultMonths",
        errors,
        "Enter the retention period as a whole number of months, like 72",
      ),
      disposalMethod: text(values, "disposalMethod"),
    };
    return { patch: { retention: value }, errors: combine(errors, "retention", value) };
  },
};

export const breach: SectionForm = {
  fromContent: (c) => ({
    notifyOriginatorWithinHours: c.breach.notifyOriginatorWithinHours === null ? "" : String(c.breach.notifyOriginatorWithinHours),
    icoReporting: c.breach.icoReporting,
  }),
  fromBody: (body) => ({
    notifyOriginatorWithinHours: str(body, "breach-notifyOriginatorWithinHours"),
    icoReporting: str(body, "breach-icoReporting"),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      notifyOriginatorWithinHours: wholeNumber(
        values.notifyOriginatorWithinHours,
        "/breach/notifyOriginatorWithinHours",
        errors,
        "Enter the number of hours as a whole number, like 24",
      ),
      icoReporting: text(values, "icoReporting"),
    };
    return { patch: { breach: value }, errors: combine(errors, "breach", value) };
  },
};

export const dpia: SectionForm = {
  anchors: { "dpia-completedOn": "#dpia-completedOn-day" },
  fromContent: (c) => ({ reference: c.dpia.reference, completedOn: datePartsOf(c.dpia.completedOn) }),
  fromBody: (body) => ({
    reference: str(body, "dpia-reference"),
    completedOn: {
      day: str(body, "dpia-completedOn-day"),
      month: str(body, "dpia-completedOn-month"),
      year: str(body, "dpia-completedOn-year"),
    },
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      reference: text(values, "reference"),
      completedOn: dateFromParts(values.completedOn as DateParts, "/dpia/completedOn", errors, "The date the DPIA was completed"),
    };
    return { patch: { dpia: value }, errors: combine(errors, "dpia", value) };
  },
};

export const review: SectionForm = {
  fromContent: (c) => ({
    intervalMonths: String(c.review.intervalMonths),
    variation: c.review.variation,
    termination: c.review.termination,
    terminationNoticeDays: c.review.terminationNoticeDays === null ? "" : String(c.review.terminationNoticeDays),
  }),
  fromBody: (body) => ({
    intervalMonths: str(body, "review-intervalMonths"),
    variation: str(body, "review-variation"),
    termination: str(body, "review-termination"),
    terminationNoticeDays: str(body, "review-terminationNoticeDays"),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      intervalMonths:
        wholeNumber(
          values.intervalMonths,
          "/review/intervalMonths",
          errors,
          "Enter the review interval as a whole number of months, like 12",
          "Enter how often the agreement is reviewed, in months",
        ) ?? undefined,
      variation: text(values, "variation"),
      termination: text(values, "termination"),
      terminationNoticeDays: wholeNumber(
        values.terminationNoticeDays,
        "/review/terminationNoticeDays",
        errors,
        "Enter the notice period as a whole number of days, like 90",
      ),
    };
    return { patch: { review: value as never }, errors: combine(errors, "review", value) };
  },
};
