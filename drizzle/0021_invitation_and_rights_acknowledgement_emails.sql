CREATE TYPE "public"."invitation_email_state" AS ENUM('queued', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."rights_acknowledgement_state" AS ENUM('QUEUED', 'SENT', 'WITHHELD', 'FAILED');--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "email_state" "invitation_email_state";--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rights_request" ADD COLUMN "acknowledgement" "rights_acknowledgement_state";--> statement-breakpoint
CREATE INDEX "invitation_user_idx" ON "invitation" USING btree ("user_id","created_at");