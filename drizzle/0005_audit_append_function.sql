-- Appends a transaction's audit events in one statement: lock the head, chain each event onto it,
-- insert, move the head. The application sends each event's canonical JSON split around its
-- sequence number (which only the head knows), so the body hashed here is byte for byte the one
-- the application built: hash = SHA-256(prev_hash || UTF-8 body), as src/audit/chain.ts computes
-- and the verifier recomputes. One round trip instead of four, and the head row is locked only
-- for this statement and the commit that follows it.
CREATE FUNCTION audit_append(body_prefixes text[], body_suffixes text[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  body text;
  next_hash bytea;
BEGIN
  IF coalesce(array_length(body_prefixes, 1), 0) <> coalesce(array_length(body_suffixes, 1), 0) THEN
    RAISE EXCEPTION 'audit_append: % prefixes but % suffixes', array_length(body_prefixes, 1), array_length(body_suffixes, 1);
  END IF;
  SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_head row missing: migrations not applied';
  END IF;
  FOR i IN 1 .. coalesce(array_length(body_prefixes, 1), 0) LOOP
    head_seq := head_seq + 1;
    body := body_prefixes[i] || head_seq::text || body_suffixes[i];
    next_hash := sha256(head_hash || convert_to(body, 'UTF8'));
    INSERT INTO audit_event (seq, prev_hash, hash, body) VALUES (head_seq, head_hash, next_hash, body);
    head_hash := next_hash;
  END LOOP;
  UPDATE audit_head SET seq = head_seq, hash = head_hash WHERE id = 1;
  RETURN head_seq;
END;
$$;
