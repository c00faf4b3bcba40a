import { datePartsFrom, isoFromParts } from "../../../platform/dates/calendar";
import { type FormBody, type FormOptions, str } from "../../../platform/web-kit/forms";

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

/**
 * How the request form shows a refusal: the service's paths as its fields, each date linking to its
 * day box, and a submission that did not look human (`/form`) pointed at the first question.
 */
export const REQUEST_FORM = {
  mapPath: (path: string) => FORM_FIELDS[path] ?? path,
  dateFields: ["receivedOn", "aboutDateOfBirth"],
  hrefFor: (_path: string, id: string, anchor: string) => (id === "form" ? "#type" : `#${anchor}`),
} as const satisfies FormOptions;
