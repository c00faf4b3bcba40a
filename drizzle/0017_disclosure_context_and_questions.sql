CREATE TABLE "disclosure_question" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"sender_organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_by_user_id" uuid NOT NULL,
	"asked_by_name" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_by_user_id" uuid,
	"answered_by_name" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "disclosure" ADD COLUMN "context" jsonb;--> statement-breakpoint
ALTER TABLE "disclosure_question" ADD CONSTRAINT "disclosure_question_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_question" ADD CONSTRAINT "disclosure_question_sender_organisation_id_organisation_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_question" ADD CONSTRAINT "disclosure_question_recipient_organisation_id_organisation_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_question" ADD CONSTRAINT "disclosure_question_asked_by_user_id_app_user_id_fk" FOREIGN KEY ("asked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_question" ADD CONSTRAINT "disclosure_question_answered_by_user_id_app_user_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_question_disclosure_idx" ON "disclosure_question" USING btree ("disclosure_id","asked_at");--> statement-breakpoint
CREATE INDEX "disclosure_question_unanswered_idx" ON "disclosure_question" USING btree ("sender_organisation_id","asked_at") WHERE answered_at is null;