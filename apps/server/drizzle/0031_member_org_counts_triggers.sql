-- member_org_counts, kept by triggers in the transaction of every change to members: each statement adds its
-- differences per org (+1 counted now, -1 counted before); rows left at zero are removed. "Counted" is the registry
-- (在册) of members.service.ts: not deleted, and active, mobile, lost contact or suspended.
CREATE FUNCTION member_counted(status text, deleted_at timestamptz) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT deleted_at IS NULL AND status IN ('active', 'mobile', 'lostContact', 'suspended');
$$;
--> statement-breakpoint
CREATE FUNCTION member_org_counts_add(org_ids uuid[], signs int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_org_counts AS r (org_id, members)
  SELECT d.org_id, sum(d.sign) FROM unnest(org_ids, signs) d(org_id, sign) GROUP BY 1 ORDER BY 1
  ON CONFLICT (org_id) DO UPDATE SET members = r.members + excluded.members;
  DELETE FROM member_org_counts r USING unnest(org_ids) d(org_id) WHERE r.org_id = d.org_id AND r.members = 0;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION member_org_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM member_org_counts_add(array_agg(org_id), array_agg(1)) FROM changed WHERE member_counted(status, deleted_at);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM member_org_counts_add(array_agg(org_id), array_agg(-1)) FROM previous WHERE member_counted(status, deleted_at);
  ELSE
    PERFORM member_org_counts_add(array_agg(x.org_id), array_agg(x.sign))
    FROM changed n JOIN previous p ON p.id = n.id
    CROSS JOIN LATERAL (VALUES (n.org_id, 1, member_counted(n.status, n.deleted_at)), (p.org_id, -1, member_counted(p.status, p.deleted_at))) x(org_id, sign, counted)
    WHERE x.counted AND (n.org_id, n.status, n.deleted_at) IS DISTINCT FROM (p.org_id, p.status, p.deleted_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "members_org_counts_insert" AFTER INSERT ON "members" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION member_org_counts_change();
--> statement-breakpoint
CREATE TRIGGER "members_org_counts_delete" AFTER DELETE ON "members" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION member_org_counts_change();
--> statement-breakpoint
CREATE TRIGGER "members_org_counts_update" AFTER UPDATE ON "members" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION member_org_counts_change();
--> statement-breakpoint
INSERT INTO member_org_counts (org_id, members)
SELECT org_id, count(*) FROM members WHERE member_counted(status, deleted_at) GROUP BY org_id;
