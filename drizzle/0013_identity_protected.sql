ALTER TABLE "subject_name" ADD COLUMN "identity_protected" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subject" ADD COLUMN "identity_protected" boolean DEFAULT false NOT NULL;