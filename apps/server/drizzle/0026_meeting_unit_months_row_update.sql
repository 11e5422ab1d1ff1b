-- Check-ins move the counters of meetings still planned: an update of a meeting neither held before nor after leaves
-- the rollup alone without running anything, so the row trigger's WHEN replaces the statement trigger of 0025.
DROP TRIGGER "meetings_unit_months_update" ON "meetings";
--> statement-breakpoint
DROP FUNCTION meeting_unit_months_after_update();
--> statement-breakpoint
CREATE FUNCTION meeting_unit_months_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_unit_months_add(array_agg(unit_path_of(o.path)), array_agg(x.held_on), array_agg(x.sign), array_agg(x.expected_count), array_agg(x.present_count))
  FROM (VALUES (NEW.org_id, NEW.held_on, 1, NEW.expected_count, NEW.present_count, NEW.status),
    (OLD.org_id, OLD.held_on, -1, OLD.expected_count, OLD.present_count, OLD.status)) x(org_id, held_on, sign, expected_count, present_count, status)
  JOIN orgs o ON o.id = x.org_id
  WHERE x.status = 'held';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "meetings_unit_months_update" AFTER UPDATE ON "meetings" FOR EACH ROW
  WHEN ((OLD.status = 'held' OR NEW.status = 'held') AND (OLD.status, OLD.held_on, OLD.org_id, OLD.expected_count, OLD.present_count)
    IS DISTINCT FROM (NEW.status, NEW.held_on, NEW.org_id, NEW.expected_count, NEW.present_count))
  EXECUTE FUNCTION meeting_unit_months_after_update();
