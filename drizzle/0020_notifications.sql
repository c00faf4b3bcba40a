CREATE TYPE "public"."notification_delivery" AS ENUM('immediate', 'daily_digest');--> statement-breakpoint
CREATE TYPE "public"."notification_email_state" AS ENUM('pending', 'digest', 'sent', 'kept', 'suppressed');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('emergency_share_received', 'emergency_share_unopened', 'share_received', 'request_received', 'approval_waiting');--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"delivery" "notification_delivery" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"href" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"email_state" "notification_email_state" NOT NULL,
	"emailed_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "disclosure" ADD COLUMN "recipients_notified_at" timestamp with time zone;--> statement-breakpoint
-- What was shared before notifications existed was seen in the app: none of it is announced now.
UPDATE "disclosure" SET "recipients_notified_at" = "sent_at";--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_digest_idx" ON "notification" USING btree ("user_id") WHERE "notification"."email_state" = 'digest';--> statement-breakpoint
CREATE INDEX "disclosure_not_notified_idx" ON "disclosure" USING btree ("sent_at") WHERE recipients_notified_at is null;