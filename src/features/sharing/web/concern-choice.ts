import { ukDate } from "../../../platform/dates/calendar";
import type { Option } from "../../../platform/web-kit/forms";
import { CONCERN_CATEGORY_LABELS } from "../../records/domain";

/** A concern as a share decision names it, never by its id: "Neglect, noticed 3 March 2026". */
export const concernChoice = (c: { id: string; category: keyof typeof CONCERN_CATEGORY_LABELS; noticedOn: string }): Option => ({
  value: c.id,
  text: `${CONCERN_CATEGORY_LABELS[c.category]}, noticed ${ukDate(c.noticedOn)}`,
});
