CREATE TABLE "disclosure_chase" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"sender_organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"chased_by_user_id" uuid NOT NULL,
	"chased_by_name" text NOT NULL,
	"chased_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosure_chase" ADD CONSTRAINT "disclosure_chase_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_chase" ADD CONSTRAINT "disclosure_chase_sender_organisation_id_organisation_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_chase" ADD CONSTRAINT "disclosure_chase_recipient_organisation_id_organisation_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_chase" ADD CONSTRAINT "disclosure_chase_chased_by_user_id_app_user_id_fk" FOREIGN KEY ("chased_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_chase_disclosure_idx" ON "disclosure_chase" USING btree ("disclosure_id","chased_at");