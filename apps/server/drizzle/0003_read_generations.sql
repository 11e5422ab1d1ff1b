-- Cached reads (tree, lists, figures) are keyed by a per-committee generation that every change to
-- the data they show bumps in the same transaction: a new generation becomes visible exactly when
-- the change commits, so a cache keyed by it is never stale, on one node or many.
CREATE TABLE "read_generations" (
  "committee_id" uuid PRIMARY KEY NOT NULL,
  "generation" bigint NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION bump_read_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO read_generations (committee_id, generation)
    SELECT DISTINCT committee_id, 1 FROM changed
  ON CONFLICT (committee_id) DO UPDATE SET generation = read_generations.generation + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "orgs_read_generation_insert" AFTER INSERT ON "orgs" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "orgs_read_generation_update" AFTER UPDATE ON "orgs" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "orgs_read_generation_delete" AFTER DELETE ON "orgs" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "org_units_read_generation_insert" AFTER INSERT ON "org_units" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "org_units_read_generation_update" AFTER UPDATE ON "org_units" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "org_units_read_generation_delete" AFTER DELETE ON "org_units" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "units_read_generation_insert" AFTER INSERT ON "units" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "units_read_generation_update" AFTER UPDATE ON "units" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "units_read_generation_delete" AFTER DELETE ON "units" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "members_read_generation_insert" AFTER INSERT ON "members" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "members_read_generation_update" AFTER UPDATE ON "members" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "members_read_generation_delete" AFTER DELETE ON "members" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "org_posts_read_generation_insert" AFTER INSERT ON "org_posts" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "org_posts_read_generation_update" AFTER UPDATE ON "org_posts" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "org_posts_read_generation_delete" AFTER DELETE ON "org_posts" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
