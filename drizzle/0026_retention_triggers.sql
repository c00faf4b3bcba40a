ALTER TABLE "subject" ADD COLUMN "last_entry_on" date;--> statement-breakpoint
CREATE INDEX "subject_last_entry_idx" ON "subject" USING btree ("organisation_id","last_entry_on");--> statement-breakpoint
-- A subject's last entry (issue 21: "last entry" retention rules run from it) is kept by the database:
-- one statement-level trigger per insert statement, so a bulk insert of many items costs one update per
-- person, and no way of writing an item can forget it. Corrections add a version, so the greatest date wins.
CREATE FUNCTION safeshare_note_last_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE subject s SET last_entry_on = n.latest
    FROM (SELECT subject_id, max(event_date) AS latest FROM new_items GROUP BY subject_id) n
   WHERE s.id = n.subject_id AND (s.last_entry_on IS NULL OR s.last_entry_on < n.latest);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER record_item_last_entry AFTER INSERT ON record_item
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION safeshare_note_last_entry();--> statement-breakpoint
UPDATE subject s SET last_entry_on = n.latest
  FROM (SELECT subject_id, max(event_date) AS latest FROM record_item GROUP BY subject_id) n
 WHERE s.id = n.subject_id;
--> statement-breakpoint
-- What was disclosed stays as it was; the recipient's disposal of its copy (issue 21) ends its access
-- for good and leaves the rows as the sender's record of what it sent.
CREATE OR REPLACE FUNCTION disclosure_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.decision_id, NEW.sender_organisation_id, NEW.recipient_organisation_id, NEW.recipient_user_id, NEW.recipient_role,
      NEW.subject, NEW.purpose_code, NEW.purpose, NEW.sent_by_name, NEW.onward_disclosure, NEW.emergency, NEW.sent_at, NEW.expires_at)
     IS DISTINCT FROM
     (OLD.id, OLD.decision_id, OLD.sender_organisation_id, OLD.recipient_organisation_id, OLD.recipient_user_id, OLD.recipient_role,
      OLD.subject, OLD.purpose_code, OLD.purpose, OLD.sent_by_name, OLD.onward_disclosure, OLD.emergency, OLD.sent_at, OLD.expires_at) THEN
    RAISE EXCEPTION 'what was disclosed is never changed: revoke the disclosure instead';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
    RAISE EXCEPTION 'a revoked disclosure stays revoked';
  END IF;
  IF OLD.disposed_at IS NOT NULL AND NEW.disposed_at IS DISTINCT FROM OLD.disposed_at THEN
    RAISE EXCEPTION 'a disposed copy stays disposed';
  END IF;
  RETURN NEW;
END;
$$;
