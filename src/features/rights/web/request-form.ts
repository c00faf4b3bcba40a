import { datePartsFrom, isoFromParts } from "../../../platform/dates/calendar";
import type { FieldError } from "../../../platform/errors";
import { errorSummary, type FormBody, str } from "../../agreements/web/shared";

/**
 * The fields a rights request is made with, shared by the IG lead's form and the public one: what
 * was typed, the service's input built from it, and its field errors pointed back at the form.
 */

export function requestFormValues(body: FormBody) {
  return {
    type: str(body, "type"),
    name: str(body, "name"),
    email: str(body, "email"),
    phone: str(body, "phone"),
    address: str(body, "address"),
    relationship: str(body, "relationship"),
    aboutName: str(body, "aboutName"),
    aboutDateOfBirth: datePartsFrom(body, "aboutDateOfBirth"),
    details: str(body, "details"),
  };
}
export type RequestFormValues = ReturnType<typeof requestFormValues>;

export function requestFormInput(values: RequestFormValues) {
  return {
    type: values.type || undefined,
    requester: {
      name: values.name,
      email: values.email || undefined,
      phone: values.phone || undefined,
      address: values.address || undefined,
    },
    relationship: values.relationship || undefined,
    about: { name: values.aboutName, dateOfBirth: isoFromParts(values.aboutDateOfBirth) || undefined },
    details: values.details,
  };
}

/** The service's field paths as the form's field names. */
const FORM_FIELDS: Record<string, string> = {
  "/requester/name": "/name",
  "/requester/email": "/email",
  "/requester/phone": "/phone",
  "/requester/address": "/address",
  "/about/name": "/aboutName",
  "/about/dateOfBirth": "/aboutDateOfBirth",
};
const DATE_FIELDS = new Set(["receivedOn", "aboutDateOfBirth"]);

export function requestFormErrors(found: { fieldErrors: FieldError[] }) {
  return errorSummary(
    found.fieldErrors.map((e) => ({ ...e, path: FORM_FIELDS[e.path] ?? e.path })),
    // A date's error links to its day box, the first of the three.
    (_p, id) => (DATE_FIELDS.has(id) ? `#${id}-day` : `#${id}`),
  );
}
