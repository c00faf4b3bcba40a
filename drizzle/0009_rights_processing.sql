CREATE TYPE "public"."rights_processing_decision_kind" AS ENUM('STOP', 'CONTINUE');--> statement-breakpoint
CREATE TABLE "rights_processing_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"right" "rights_request_type" NOT NULL,
	"article6" text NOT NULL,
	"decision" "rights_processing_decision_kind" NOT NULL,
	"grounds" text NOT NULL,
	"decided_on" date NOT NULL,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rights_processing_decision" ADD CONSTRAINT "rights_processing_decision_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_processing_decision" ADD CONSTRAINT "rights_processing_decision_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_processing_decision" ADD CONSTRAINT "rights_processing_decision_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rights_processing_decision_request_idx" ON "rights_processing_decision" USING btree ("request_id","article6","at");