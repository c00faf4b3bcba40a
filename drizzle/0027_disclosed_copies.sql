ALTER TYPE "public"."retention_category" ADD VALUE 'DISCLOSED_COPY';--> statement-breakpoint
ALTER TYPE "public"."retention_trigger" ADD VALUE 'DISCLOSURE_RECEIPT';--> statement-breakpoint
CREATE TABLE "disposal_batch_copy" (
	"batch_id" uuid NOT NULL,
	"disclosure_id" uuid NOT NULL,
	CONSTRAINT "disposal_batch_copy_batch_id_disclosure_id_pk" PRIMARY KEY("batch_id","disclosure_id")
);
--> statement-breakpoint
ALTER TABLE "retention_keep" ALTER COLUMN "subject_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_keep" ADD COLUMN "disclosure_id" uuid;--> statement-breakpoint
ALTER TABLE "disclosure" ADD COLUMN "retain_until" date;--> statement-breakpoint
ALTER TABLE "disposal_batch_copy" ADD CONSTRAINT "disposal_batch_copy_batch_id_disposal_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."disposal_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_batch_copy" ADD CONSTRAINT "disposal_batch_copy_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disposal_batch_copy_disclosure_idx" ON "disposal_batch_copy" USING btree ("disclosure_id");--> statement-breakpoint
ALTER TABLE "retention_keep" ADD CONSTRAINT "retention_keep_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_keep_disclosure_idx" ON "retention_keep" USING btree ("disclosure_id");--> statement-breakpoint
ALTER TABLE "retention_keep" ADD CONSTRAINT "retention_keep_one_thing" CHECK ((subject_id is null) <> (disclosure_id is null));