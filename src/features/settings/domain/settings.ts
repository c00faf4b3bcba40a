import { z } from "zod";
import { UK_NATIONS } from "../../../platform/dates/working-days";

/**
 * The partnership's settings for sharing (a partnership administrator changes them): deadlines are
 * local practice (docs/domain.md §7 "configurable where local"), and bank holidays depend on the nation.
 */
export const sharingSettingsInput = z.object({
  /** An emergency share's full record is due this many hours after it went (ICO9-EMERGENCY; default 24). */
  emergencyRecordHours: z.number().int().min(1, "At least 1 hour").max(168, "At most a week (168 hours)").default(24),
  /** A disclosure not acknowledged after this many hours shows on the sender's dashboard to chase. */
  acknowledgementChaseHours: z.number().int().min(1, "At least 1 hour").max(720, "At most 30 days (720 hours)").default(24),
  /** An emergency share not opened this many minutes after it went is escalated to the recipient's safeguarding leads (issue 19). */
  emergencyEscalationMinutes: z
    .number({ error: "Enter the number of minutes, like 30" })
    .int("Enter a whole number of minutes")
    .min(5, "At least 5 minutes")
    .max(1440, "At most a day (1,440 minutes)")
    .default(30)
    .describe(
      "Minutes after an emergency share was sent before, if no one at the recipient organisation has opened it, its safeguarding leads are told urgently. From 5 to 1,440 (a day); 30 unless set. A new value applies to emergency shares sent after it is saved.",
    ),
  /** How long a recipient can open a disclosure, unless the sender sets another date. */
  defaultAccessDays: z.number().int().min(1, "At least 1 day").max(3650, "At most 10 years").default(90),
  /** Whose bank holidays count when working days are counted. */
  nation: z.enum(UK_NATIONS, { error: "Select England and Wales, Scotland or Northern Ireland" }).default("england-and-wales"),
});
export type SharingSettings = z.infer<typeof sharingSettingsInput>;
export const DEFAULT_SHARING_SETTINGS: SharingSettings = sharingSettingsInput.parse({});

/** How long a decision is kept before review when its agreement sets no retention: six years. */
export const DEFAULT_DECISION_RETENTION_MONTHS = 72;
