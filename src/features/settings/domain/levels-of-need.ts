import { z } from "zod";
import { textInput } from "../../../platform/text";

/**
 * The partnership's scale of need that concerns are graded on, lowest first: a partnership setting,
 * because each safeguarding partnership publishes its own threshold document.
 */
export interface LevelOfNeed {
  code: string;
  label: string;
}

/**
 * The default continuum of need (WT23 ch 1–3: universal services, early help, child in need under
 * s17 CA 1989, child protection enquiries under s47). A partnership may replace it with the scale
 * in its own threshold document (partnership setting `levelsOfNeed`).
 */
export const DEFAULT_LEVELS_OF_NEED: readonly LevelOfNeed[] = [
  { code: "UNIVERSAL", label: "Universal" },
  { code: "EARLY_HELP", label: "Early help" },
  { code: "CHILD_IN_NEED_S17", label: "Child in need (s17)" },
  { code: "CHILD_PROTECTION_S47", label: "Child protection (s47)" },
];

export const levelsOfNeedInput = z
  .array(
    z.object({
      code: z
        .string()
        .trim()
        .regex(/^[A-Z][A-Z0-9_]{1,39}$/, "Each code must be capital letters, digits or underscores, like EARLY_HELP"),
      label: textInput("Each level's label").trim().min(1, "Give each level a label").max(100),
    }),
  )
  .min(2, "A scale needs at least two levels")
  .max(12, "A scale may have at most 12 levels")
  .refine((levels) => new Set(levels.map((l) => l.code)).size === levels.length, "Each level's code must be different");
