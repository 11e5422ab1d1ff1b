-- member_list_counts follows every change of members in the change's transaction: each statement adds its differences
-- per committee and code combination (+1 counted now, -1 counted before); rows left at zero are removed. Deleted
-- records are not counted; former members are, under their status, which the list can ask for.
CREATE FUNCTION member_list_counts_add(committee_ids uuid[], statuses text[], categories text[], educations text[], genders text[], signs int[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_list_counts AS r (committee_id, status, category, education, gender, members)
  SELECT d.c, d.s, d.k, d.e, d.g, sum(d.n) FROM unnest(committee_ids, statuses, categories, educations, genders, signs) d(c, s, k, e, g, n)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (committee_id, status, category, education, gender) DO UPDATE SET members = r.members + excluded.members;
  DELETE FROM member_list_counts r WHERE r.committee_id = ANY (committee_ids) AND r.members = 0;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION read_generations_bump(committee_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO read_generations (committee_id, generation)
  SELECT DISTINCT c, 1 FROM unnest(committee_ids) c ORDER BY 1
  ON CONFLICT (committee_id) DO UPDATE SET generation = read_generations.generation + 1;
$$;
--> statement-breakpoint
-- The members trigger now bumps the read generation itself, before anything else: a writer takes its committee's
-- generation row before any rollup row, so two writers in one committee queue on that row and never take rollup rows
-- in opposite orders. (The generation trigger fired after this one, its name sorting later.)
CREATE OR REPLACE FUNCTION members_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM read_generations_bump(array_agg(committee_id)) FROM changed;
    PERFORM compliance_mark(array_agg(org_id)),
      member_org_counts_add(array_agg(org_id) FILTER (WHERE member_counted(status, deleted_at)), array_agg(1) FILTER (WHERE member_counted(status, deleted_at)))
    FROM changed;
    PERFORM member_list_counts_add(array_agg(committee_id), array_agg(status), array_agg(category), array_agg(education), array_agg(gender), array_agg(1))
    FROM changed WHERE deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM read_generations_bump(array_agg(committee_id)) FROM previous;
    PERFORM compliance_mark(array_agg(org_id)),
      member_org_counts_add(array_agg(org_id) FILTER (WHERE member_counted(status, deleted_at)), array_agg(-1) FILTER (WHERE member_counted(status, deleted_at)))
    FROM previous;
    PERFORM member_list_counts_add(array_agg(committee_id), array_agg(status), array_agg(category), array_agg(education), array_agg(gender), array_agg(-1))
    FROM previous WHERE deleted_at IS NULL;
  ELSE
    PERFORM read_generations_bump(array_agg(committee_id)) FROM changed;
    PERFORM compliance_mark(array_agg(x.org_id)),
      member_org_counts_add(array_agg(x.org_id) FILTER (WHERE c.counts), array_agg(x.sign) FILTER (WHERE c.counts))
    FROM changed n JOIN previous p ON p.id = n.id
    CROSS JOIN LATERAL (VALUES (n.org_id, 1, member_counted(n.status, n.deleted_at)), (p.org_id, -1, member_counted(p.status, p.deleted_at))) x(org_id, sign, counted)
    CROSS JOIN LATERAL (SELECT x.counted AND (n.org_id, n.status, n.deleted_at) IS DISTINCT FROM (p.org_id, p.status, p.deleted_at)) c(counts)
    WHERE (n.org_id, n.category, n.status, n.deleted_at) IS DISTINCT FROM (p.org_id, p.category, p.status, p.deleted_at);
    PERFORM member_list_counts_add(array_agg(x.committee_id), array_agg(x.status), array_agg(x.category), array_agg(x.education), array_agg(x.gender), array_agg(x.sign))
    FROM changed n JOIN previous p ON p.id = n.id
    CROSS JOIN LATERAL (
      VALUES (n.committee_id, n.status, n.category, n.education, n.gender, 1, n.deleted_at),
        (p.committee_id, p.status, p.category, p.education, p.gender, -1, p.deleted_at)
    ) x(committee_id, status, category, education, gender, sign, deleted_at)
    WHERE x.deleted_at IS NULL
      AND (n.status, n.category, n.education, n.gender, n.deleted_at) IS DISTINCT FROM (p.status, p.category, p.education, p.gender, p.deleted_at);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER "members_read_generation_insert" ON "members";--> statement-breakpoint
DROP TRIGGER "members_read_generation_update" ON "members";--> statement-breakpoint
DROP TRIGGER "members_read_generation_delete" ON "members";--> statement-breakpoint
INSERT INTO member_list_counts (committee_id, status, category, education, gender, members)
SELECT committee_id, status, category, education, gender, count(*) FROM members WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5;
