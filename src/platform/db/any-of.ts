import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * `column = any($1::uuid[])`: whether a column's id is one of many, as one array parameter however many
 * ids there are (a disposal names thousands; `inArray` would send each as a parameter of its own).
 */
export const anyOf = (column: AnyPgColumn, ids: readonly string[]): SQL => sql`${column} = any(${sql.param([...ids])}::uuid[])`;
