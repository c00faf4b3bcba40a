import type { Environment } from "nunjucks";
import { ORGANISATION_TYPE_LABELS } from "../features/organisations-and-users/domain";
import { configureWebKit } from "../platform/web-kit/views";

/** Every template's filters: the web kit's own, and the labels features lend to every page. */
export function configureNunjucks(env: Environment): void {
  configureWebKit(env);
  env.addFilter("organisationTypeLabel", (type: keyof typeof ORGANISATION_TYPE_LABELS) => ORGANISATION_TYPE_LABELS[type] ?? type);
  env.addGlobal("ORGANISATION_TYPE_LABELS", ORGANISATION_TYPE_LABELS);
}
