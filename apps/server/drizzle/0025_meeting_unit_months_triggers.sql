-- meeting_unit_months, the rollup the meeting and attendance figures of whole units read, kept by triggers in the
-- transaction of every change to a held meeting (held, cancelled, re-dated, moved to another org, its attendance
-- counters) and of every org moved into another unit. Each change adds its difference to the unit's month; rows
-- left with no held meeting are removed, so a month without one has no row.
ALTER TABLE "meeting_unit_months" ALTER COLUMN "unit_path" TYPE text COLLATE "C";
--> statement-breakpoint
-- The path of the org at depth 1 over an org (its unit's top org), or the committee's own path for the committee.
CREATE FUNCTION unit_path_of(path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(path, '^(/[^/]+/([^/]+/)?).*$', '\1') COLLATE "C";
$$;
--> statement-breakpoint
-- Adds signed meetings (+1 held, -1 no longer held as it was) to their units' months.
CREATE FUNCTION meeting_unit_months_add(units text[], days date[], signs int[], expected int[], present int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO meeting_unit_months AS r (unit_path, month, held, rated, expected, present)
  SELECT d.unit, date_trunc('month', d.day)::date, sum(d.sign), coalesce(sum(d.sign) FILTER (WHERE d.expected > 0), 0),
    coalesce(sum(d.sign * d.expected) FILTER (WHERE d.expected > 0), 0), coalesce(sum(d.sign * d.present) FILTER (WHERE d.expected > 0), 0)
  FROM unnest(units, days, signs, expected, present) d(unit, day, sign, expected, present)
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (unit_path, month) DO UPDATE SET held = r.held + excluded.held, rated = r.rated + excluded.rated,
    expected = r.expected + excluded.expected, present = r.present + excluded.present;
  DELETE FROM meeting_unit_months r USING unnest(units, days) d(unit, day)
  WHERE r.unit_path = d.unit AND r.month = date_trunc('month', d.day)::date AND r.held = 0;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION meeting_unit_months_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_unit_months_add(array_agg(unit_path_of(o.path)), array_agg(m.held_on), array_agg(1), array_agg(m.expected_count), array_agg(m.present_count))
  FROM changed m JOIN orgs o ON o.id = m.org_id WHERE m.status = 'held';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION meeting_unit_months_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_unit_months_add(array_agg(unit_path_of(o.path)), array_agg(m.held_on), array_agg(-1), array_agg(m.expected_count), array_agg(m.present_count))
  FROM previous m JOIN orgs o ON o.id = m.org_id WHERE m.status = 'held';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A check-in is one of these: the meeting's present count moves, so its month takes -old +new.
CREATE FUNCTION meeting_unit_months_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_unit_months_add(array_agg(unit_path_of(o.path)), array_agg(d.held_on), array_agg(d.sign), array_agg(d.expected_count), array_agg(d.present_count))
  FROM (
    SELECT x.org_id, x.held_on, x.sign, x.expected_count, x.present_count
    FROM changed n JOIN previous p ON p.id = n.id
    CROSS JOIN LATERAL (VALUES (n.org_id, n.held_on, 1, n.expected_count, n.present_count, n.status),
      (p.org_id, p.held_on, -1, p.expected_count, p.present_count, p.status)) x(org_id, held_on, sign, expected_count, present_count, status)
    WHERE x.status = 'held' AND (n.status, n.held_on, n.org_id, n.expected_count, n.present_count)
      IS DISTINCT FROM (p.status, p.held_on, p.org_id, p.expected_count, p.present_count)
  ) d JOIN orgs o ON o.id = d.org_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- An org moved into another unit (a reform) takes its held meetings from the old unit's months to the new one's.
CREATE FUNCTION meeting_unit_months_after_org_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_unit_months_add(array_agg(x.unit), array_agg(m.held_on), array_agg(x.sign), array_agg(m.expected_count), array_agg(m.present_count))
  FROM changed n JOIN previous p ON p.id = n.id
  CROSS JOIN LATERAL (VALUES (unit_path_of(n.path), 1), (unit_path_of(p.path), -1)) x(unit, sign)
  JOIN meetings m ON m.org_id = n.id AND m.status = 'held'
  WHERE unit_path_of(n.path) <> unit_path_of(p.path);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "meetings_unit_months_insert" AFTER INSERT ON "meetings" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION meeting_unit_months_after_insert();
--> statement-breakpoint
CREATE TRIGGER "meetings_unit_months_delete" AFTER DELETE ON "meetings" REFERENCING OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION meeting_unit_months_after_delete();
--> statement-breakpoint
CREATE TRIGGER "meetings_unit_months_update" AFTER UPDATE ON "meetings" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION meeting_unit_months_after_update();
--> statement-breakpoint
CREATE TRIGGER "orgs_meeting_unit_months_update" AFTER UPDATE ON "orgs" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION meeting_unit_months_after_org_update();
--> statement-breakpoint
SELECT meeting_unit_months_add(array_agg(unit_path_of(o.path)), array_agg(m.held_on), array_agg(1), array_agg(m.expected_count), array_agg(m.present_count))
FROM meetings m JOIN orgs o ON o.id = m.org_id WHERE m.status = 'held';
