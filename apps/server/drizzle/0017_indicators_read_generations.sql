-- Indicator figures are cached per committee read generation (platform/read-cache.ts): every table a cached
-- indicator reads bumps it in the transaction of each change, as migration 0003 does for orgs and members.
-- Meetings bump it when they are planned or removed and when a change moves them between counts (status, day,
-- kind, org); check-ins only change the attendance counters, which no cached figure reads, so the busiest writes
-- of all never contend for the committee's generation row.
CREATE TRIGGER "development_cases_read_generation_insert" AFTER INSERT ON "development_cases" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "development_cases_read_generation_update" AFTER UPDATE ON "development_cases" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "development_cases_read_generation_delete" AFTER DELETE ON "development_cases" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "development_steps_read_generation_insert" AFTER INSERT ON "development_steps" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "development_steps_read_generation_update" AFTER UPDATE ON "development_steps" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "development_steps_read_generation_delete" AFTER DELETE ON "development_steps" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "transfers_read_generation_insert" AFTER INSERT ON "transfers" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "transfers_read_generation_update" AFTER UPDATE ON "transfers" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "transfers_read_generation_delete" AFTER DELETE ON "transfers" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_bases_read_generation_insert" AFTER INSERT ON "dues_bases" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_bases_read_generation_update" AFTER UPDATE ON "dues_bases" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_bases_read_generation_delete" AFTER DELETE ON "dues_bases" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_reliefs_read_generation_insert" AFTER INSERT ON "dues_reliefs" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_reliefs_read_generation_update" AFTER UPDATE ON "dues_reliefs" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_reliefs_read_generation_delete" AFTER DELETE ON "dues_reliefs" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_payments_read_generation_insert" AFTER INSERT ON "dues_payments" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_payments_read_generation_update" AFTER UPDATE ON "dues_payments" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "dues_payments_read_generation_delete" AFTER DELETE ON "dues_payments" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "special_dues_campaigns_read_generation_insert" AFTER INSERT ON "special_dues_campaigns" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "special_dues_campaigns_read_generation_update" AFTER UPDATE ON "special_dues_campaigns" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "special_dues_campaigns_read_generation_delete" AFTER DELETE ON "special_dues_campaigns" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "special_dues_contributions_read_generation_insert" AFTER INSERT ON "special_dues_contributions" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "special_dues_contributions_read_generation_update" AFTER UPDATE ON "special_dues_contributions" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "special_dues_contributions_read_generation_delete" AFTER DELETE ON "special_dues_contributions" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "orglife_exemptions_read_generation_insert" AFTER INSERT ON "orglife_exemptions" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "orglife_exemptions_read_generation_update" AFTER UPDATE ON "orglife_exemptions" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "orglife_exemptions_read_generation_delete" AFTER DELETE ON "orglife_exemptions" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "meetings_read_generation_insert" AFTER INSERT ON "meetings" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE TRIGGER "meetings_read_generation_delete" AFTER DELETE ON "meetings" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION bump_read_generation();
--> statement-breakpoint
CREATE FUNCTION bump_read_generation_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO read_generations (committee_id, generation) VALUES (NEW.committee_id, 1)
  ON CONFLICT (committee_id) DO UPDATE SET generation = read_generations.generation + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "meetings_read_generation_update" AFTER UPDATE OF status, held_on, kind, org_id ON "meetings" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.held_on IS DISTINCT FROM NEW.held_on OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.org_id IS DISTINCT FROM NEW.org_id)
  EXECUTE FUNCTION bump_read_generation_of_row();
