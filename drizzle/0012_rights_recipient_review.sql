CREATE TABLE "rights_recipient_review" (
	"request_id" uuid NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"decision" "rights_item_decision" NOT NULL,
	"exemption" "rights_exemption",
	"reason" text,
	"health_opinion" text,
	"health_professional" text,
	"reviewed_by_user_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rights_recipient_review" ADD CONSTRAINT "rights_recipient_review_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_recipient_review" ADD CONSTRAINT "rights_recipient_review_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_recipient_review" ADD CONSTRAINT "rights_recipient_review_reviewed_by_user_id_app_user_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rights_recipient_review_once" ON "rights_recipient_review" USING btree ("request_id","disclosure_id");