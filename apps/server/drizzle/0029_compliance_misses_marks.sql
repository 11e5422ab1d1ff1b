-- Marks, in the transaction of each change, the orgs whose missed requirements it may alter (compliance_misses): a
-- meeting held, no longer held, re-dated, moved or of another kind; an exemption recorded or withdrawn; an org added,
-- re-dated, of another kind, moved or deleted; a member added, removed or changed in org, category or status (the
-- full members decide whether a branch owes committee meetings).
CREATE FUNCTION compliance_mark(org_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO compliance_dirty_orgs (org_id)
  SELECT DISTINCT o FROM unnest(org_ids) o WHERE o IS NOT NULL ORDER BY o
  ON CONFLICT (org_id) DO UPDATE SET marked = nextval('compliance_dirty_marks');
$$;
--> statement-breakpoint
CREATE FUNCTION compliance_mark_held_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM compliance_mark(array(SELECT org_id FROM changed WHERE status = 'held'));
  ELSE
    PERFORM compliance_mark(array(SELECT org_id FROM previous WHERE status = 'held'));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Rows that name their org in org_id (meetings, exemptions): the org before and after.
CREATE FUNCTION compliance_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM compliance_mark(array[NEW.org_id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM compliance_mark(array[OLD.org_id]);
  ELSE
    PERFORM compliance_mark(array[OLD.org_id, NEW.org_id]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION compliance_mark_org() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM compliance_mark(array[NEW.id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION compliance_mark_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM compliance_mark(array(SELECT DISTINCT org_id FROM changed));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM compliance_mark(array(SELECT DISTINCT org_id FROM previous));
  ELSE
    PERFORM compliance_mark(array(
      SELECT x.org_id FROM changed n JOIN previous p ON p.id = n.id CROSS JOIN LATERAL (VALUES (n.org_id), (p.org_id)) x(org_id)
      WHERE (n.org_id, n.category, n.status, n.deleted_at) IS DISTINCT FROM (p.org_id, p.category, p.status, p.deleted_at)));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "meetings_compliance_insert" AFTER INSERT ON "meetings" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION compliance_mark_held_meetings();
--> statement-breakpoint
CREATE TRIGGER "meetings_compliance_delete" AFTER DELETE ON "meetings" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION compliance_mark_held_meetings();
--> statement-breakpoint
-- Check-ins move only the counters: the WHEN leaves them without running anything.
CREATE TRIGGER "meetings_compliance_update" AFTER UPDATE ON "meetings" FOR EACH ROW
  WHEN ((OLD.status = 'held' OR NEW.status = 'held') AND (OLD.status, OLD.held_on, OLD.org_id, OLD.kind) IS DISTINCT FROM (NEW.status, NEW.held_on, NEW.org_id, NEW.kind))
  EXECUTE FUNCTION compliance_mark_rows();
--> statement-breakpoint
CREATE TRIGGER "exemptions_compliance" AFTER INSERT OR UPDATE OR DELETE ON "orglife_exemptions" FOR EACH ROW EXECUTE FUNCTION compliance_mark_rows();
--> statement-breakpoint
CREATE TRIGGER "orgs_compliance_insert" AFTER INSERT ON "orgs" FOR EACH ROW EXECUTE FUNCTION compliance_mark_org();
--> statement-breakpoint
CREATE TRIGGER "orgs_compliance_update" AFTER UPDATE ON "orgs" FOR EACH ROW
  WHEN ((OLD.kind, OLD.established_on, OLD.dissolved_on, OLD.deleted_at, OLD.depth, OLD.unit_id)
    IS DISTINCT FROM (NEW.kind, NEW.established_on, NEW.dissolved_on, NEW.deleted_at, NEW.depth, NEW.unit_id))
  EXECUTE FUNCTION compliance_mark_org();
--> statement-breakpoint
CREATE TRIGGER "members_compliance_insert" AFTER INSERT ON "members" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION compliance_mark_members();
--> statement-breakpoint
CREATE TRIGGER "members_compliance_delete" AFTER DELETE ON "members" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION compliance_mark_members();
--> statement-breakpoint
CREATE TRIGGER "members_compliance_update" AFTER UPDATE ON "members" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION compliance_mark_members();
