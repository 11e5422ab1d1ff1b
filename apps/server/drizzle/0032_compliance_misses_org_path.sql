-- The rollup keeps each cell's org path, so the figure reads a year's cells from one index without the orgs. Its rows
-- are judged again (the next refresh rebuilds it), now with their paths.
DELETE FROM "compliance_misses";--> statement-breakpoint
DELETE FROM "compliance_rollup_state";--> statement-breakpoint
DROP INDEX "compliance_misses_due_idx";--> statement-breakpoint
ALTER TABLE "compliance_misses" ADD COLUMN "org_path" text COLLATE "C" NOT NULL;--> statement-breakpoint
CREATE INDEX "compliance_misses_due_idx" ON "compliance_misses" USING btree ("due_on","closes_on","org_id","org_path");--> statement-breakpoint
-- A kept row's path must be its org's: an org moved under another parent (its path changes, its depth may not) is marked.
DROP TRIGGER "orgs_compliance_update" ON "orgs";--> statement-breakpoint
CREATE TRIGGER "orgs_compliance_update" AFTER UPDATE ON "orgs" FOR EACH ROW
  WHEN ((OLD.kind, OLD.established_on, OLD.dissolved_on, OLD.deleted_at, OLD.path, OLD.unit_id)
    IS DISTINCT FROM (NEW.kind, NEW.established_on, NEW.dissolved_on, NEW.deleted_at, NEW.path, NEW.unit_id))
  EXECUTE FUNCTION compliance_mark_org();
