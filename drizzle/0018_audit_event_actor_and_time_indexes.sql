CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("actor_user_id","seq");--> statement-breakpoint
CREATE INDEX "audit_event_at_idx" ON "audit_event" USING btree ("at");