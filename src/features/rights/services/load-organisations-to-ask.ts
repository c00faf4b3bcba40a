import { asc } from "drizzle-orm";
import type { Db } from "../../../platform/db/client";
import { organisations } from "../../organisations-and-users/schema";

/**
 * The partnership's members a person may ask through the public form, by name. Only the id and name
 * are read: the page is public, and nothing else about an organisation belongs on it.
 */
export function loadOrganisationsToAsk(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name));
}
