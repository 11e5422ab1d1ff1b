-- dues_member_years, the rollup the dues figures read (running totals per member, year and month), kept by
-- triggers in the transaction of every change to what it sums. A member's rows run from the first year with a base
-- or payment through next year, so a new year needs no write to be there; the daily job `indicators.duesRollupYear`
-- extends members whose rows end this year. A month's due amount is reckoned as the dues module reckons it
-- (members-dues.service.ts, expectedAt): the base in force that month, an approved relief over it (exempt 0,
-- reduced its amount); nothing before the member joined.
CREATE FUNCTION refresh_dues_member_years(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM dues_member_years WHERE member_id = ANY(ids);
  INSERT INTO dues_member_years (member_id, year, committee_id, expected_fen, paid_fen, covered_fen, due_months, paid_months)
  SELECT member_id, year, committee_id, array_agg(expected ORDER BY month), array_agg(paid ORDER BY month),
    array_agg(covered ORDER BY month), array_agg(due::int ORDER BY month), array_agg(paid_count::int ORDER BY month)
  FROM (
    SELECT m.id AS member_id, y.year, m.committee_id, g.month,
      sum(coalesce(e.fen, 0)) OVER running AS expected,
      sum(coalesce(p.paid_fen, 0)) OVER running AS paid,
      sum(coalesce(least(p.paid_fen, p.expected_fen), 0)) OVER running AS covered,
      count(*) FILTER (WHERE e.fen > 0) OVER running AS due,
      count(*) FILTER (WHERE p.paid_fen > 0) OVER running AS paid_count
    FROM members m
    CROSS JOIN LATERAL (SELECT extract(year FROM least(
        (SELECT min(effective_month) FROM dues_bases WHERE member_id = m.id),
        (SELECT min(month) FROM dues_payments WHERE member_id = m.id)))::int AS first_year,
      greatest(extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int + 1,
        extract(year FROM (SELECT max(month) FROM dues_payments WHERE member_id = m.id))::int) AS last_year) span
    CROSS JOIN LATERAL generate_series(span.first_year, span.last_year) y(year)
    CROSS JOIN LATERAL generate_series(make_date(y.year, 1, 1), make_date(y.year, 12, 1), interval '1 month') g(month)
    LEFT JOIN LATERAL (
      SELECT CASE WHEN r.kind = 'exempt' THEN 0 WHEN r.kind = 'reduced' THEN r.monthly_fen ELSE b.monthly_fen END AS fen
      FROM (SELECT monthly_fen FROM dues_bases WHERE member_id = m.id AND effective_month <= g.month::date
        ORDER BY effective_month DESC LIMIT 1) b
      LEFT JOIN LATERAL (SELECT kind, monthly_fen FROM dues_reliefs WHERE member_id = m.id AND from_month <= g.month::date
        AND (to_month IS NULL OR to_month >= g.month::date) ORDER BY from_month DESC LIMIT 1) r ON true
      WHERE g.month >= date_trunc('month', m.joined_on)) e ON true
    LEFT JOIN dues_payments p ON p.member_id = m.id AND p.month = g.month::date
    WHERE m.id = ANY(ids) AND span.first_year IS NOT NULL
    WINDOW running AS (PARTITION BY m.id, y.year ORDER BY g.month)) months
  GROUP BY member_id, year, committee_id;
$$;
--> statement-breakpoint
CREATE FUNCTION dues_member_years_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_dues_member_years(array(SELECT DISTINCT member_id FROM changed));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION dues_member_years_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_dues_member_years(array(SELECT member_id FROM changed UNION SELECT member_id FROM previous));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION dues_member_years_after_member_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_dues_member_years(array(
    SELECT n.id FROM changed n JOIN previous o ON o.id = n.id
    WHERE n.joined_on IS DISTINCT FROM o.joined_on AND EXISTS (SELECT 1 FROM dues_member_years d WHERE d.member_id = n.id)));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "dues_bases_rollup_insert" AFTER INSERT ON "dues_bases" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER "dues_bases_rollup_update" AFTER UPDATE ON "dues_bases" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_update();
--> statement-breakpoint
CREATE TRIGGER "dues_bases_rollup_delete" AFTER DELETE ON "dues_bases" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER "dues_reliefs_rollup_insert" AFTER INSERT ON "dues_reliefs" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER "dues_reliefs_rollup_update" AFTER UPDATE ON "dues_reliefs" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_update();
--> statement-breakpoint
CREATE TRIGGER "dues_reliefs_rollup_delete" AFTER DELETE ON "dues_reliefs" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER "dues_payments_rollup_insert" AFTER INSERT ON "dues_payments" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER "dues_payments_rollup_update" AFTER UPDATE ON "dues_payments" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_update();
--> statement-breakpoint
CREATE TRIGGER "dues_payments_rollup_delete" AFTER DELETE ON "dues_payments" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_insert_or_delete();
--> statement-breakpoint
CREATE TRIGGER "members_dues_rollup_update" AFTER UPDATE ON "members" REFERENCING OLD TABLE AS previous NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dues_member_years_after_member_update();
--> statement-breakpoint
SELECT refresh_dues_member_years(array(SELECT member_id FROM dues_bases UNION SELECT member_id FROM dues_payments));
