DROP INDEX "subject_last_entry_idx";--> statement-breakpoint
DROP INDEX "subject_case_closed_idx";--> statement-breakpoint
CREATE INDEX "chronology_entry_item_ref_idx" ON "chronology_entry" USING btree ("ref_id") WHERE ref_type = 'record_item';--> statement-breakpoint
CREATE INDEX "subject_due_birth_child_idx" ON "subject" USING btree ("organisation_id",(coalesce("date_of_birth", "last_entry_on")),"id") WHERE disposed_at is null and kind in ('CHILD', 'UNBORN_CHILD');--> statement-breakpoint
CREATE INDEX "subject_due_last_entry_adult_idx" ON "subject" USING btree ("organisation_id",(coalesce("last_entry_on", ("created_at" at time zone 'Europe/London')::date)),"id") WHERE disposed_at is null and kind in ('PARENT_CARER', 'SIBLING', 'HOUSEHOLD_MEMBER', 'ALLEGED_PERPETRATOR', 'OTHER');--> statement-breakpoint
CREATE INDEX "subject_due_case_closed_idx" ON "subject" USING btree ("organisation_id","case_closed_on","kind") WHERE case_closed_on is not null and disposed_at is null;