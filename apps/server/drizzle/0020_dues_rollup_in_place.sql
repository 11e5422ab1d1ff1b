-- The dues rollup rewrites a member's rows in place instead of deleting and inserting them: a payment changes only
-- the arrays, so the update stays heap-only and the indexes are not touched. The years a member spans are one
-- function, read by both the rewrite and the removal of years that fell out of the span.
CREATE FUNCTION dues_member_span(member uuid, OUT first_year int, OUT last_year int) LANGUAGE sql STABLE AS $$
  SELECT extract(year FROM least((SELECT min(effective_month) FROM dues_bases WHERE member_id = member),
      (SELECT min(month) FROM dues_payments WHERE member_id = member)))::int,
    greatest(extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::int + 1,
      extract(year FROM (SELECT max(month) FROM dues_payments WHERE member_id = member))::int);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_dues_member_years(ids uuid[]) RETURNS void LANGUAGE sql AS $$
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
    CROSS JOIN LATERAL dues_member_span(m.id) span
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
  GROUP BY member_id, year, committee_id
  ON CONFLICT (member_id, year) DO UPDATE SET committee_id = excluded.committee_id, expected_fen = excluded.expected_fen,
    paid_fen = excluded.paid_fen, covered_fen = excluded.covered_fen, due_months = excluded.due_months, paid_months = excluded.paid_months;
  DELETE FROM dues_member_years d WHERE d.member_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM dues_member_span(d.member_id) span WHERE d.year BETWEEN span.first_year AND span.last_year);
$$;
