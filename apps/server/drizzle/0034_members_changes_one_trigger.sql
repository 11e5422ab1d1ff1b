-- One statement trigger per change of members both marks the orgs for the missed-requirements rollup (0029) and moves
-- the registry counts (0031), reading the transition tables once. The registry counts follow org, status and deletion;
-- the marks also follow the category, since the full members decide whether a branch owes committee meetings.
CREATE FUNCTION members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM compliance_mark(array_agg(org_id)),
      member_org_counts_add(array_agg(org_id) FILTER (WHERE member_counted(status, deleted_at)), array_agg(1) FILTER (WHERE member_counted(status, deleted_at)))
    FROM changed;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM compliance_mark(array_agg(org_id)),
      member_org_counts_add(array_agg(org_id) FILTER (WHERE member_counted(status, deleted_at)), array_agg(-1) FILTER (WHERE member_counted(status, deleted_at)))
    FROM previous;
  ELSE
    PERFORM compliance_mark(array_agg(x.org_id)),
      member_org_counts_add(array_agg(x.org_id) FILTER (WHERE c.counts), array_agg(x.sign) FILTER (WHERE c.counts))
    FROM changed n JOIN previous p ON p.id = n.id
    CROSS JOIN LATERAL (VALUES (n.org_id, 1, member_counted(n.status, n.deleted_at)), (p.org_id, -1, member_counted(p.status, p.deleted_at))) x(org_id, sign, counted)
    CROSS JOIN LATERAL (SELECT x.counted AND (n.org_id, n.status, n.deleted_at) IS DISTINCT FROM (p.org_id, p.status, p.deleted_at)) c(counts)
    WHERE (n.org_id, n.category, n.status, n.deleted_at) IS DISTINCT FROM (p.org_id, p.category, p.status, p.deleted_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER "members_compliance_insert" ON "members";--> statement-breakpoint
DROP TRIGGER "members_compliance_delete" ON "members";--> statement-breakpoint
DROP TRIGGER "members_compliance_update" ON "members";--> statement-breakpoint
DROP TRIGGER "members_org_counts_insert" ON "members";--> statement-breakpoint
DROP TRIGGER "members_org_counts_delete" ON "members";--> statement-breakpoint
DROP TRIGGER "members_org_counts_update" ON "members";--> statement-breakpoint
DROP FUNCTION compliance_mark_members();--> statement-breakpoint
DROP FUNCTION member_org_counts_change();--> statement-breakpoint
CREATE TRIGGER "members_changed_insert" AFTER INSERT ON "members" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION members_changed();
--> statement-breakpoint
CREATE TRIGGER "members_changed_delete" AFTER DELETE ON "members" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION members_changed();
--> statement-breakpoint
CREATE TRIGGER "members_changed_update" AFTER UPDATE ON "members" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION members_changed();
