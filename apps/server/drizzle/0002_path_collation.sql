-- Materialized paths compare byte by byte: prefix matches and range scans on one plain btree, whatever the database's locale.
DROP INDEX "orgs_path_idx";--> statement-breakpoint
ALTER TABLE "orgs" ALTER COLUMN "path" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "org_path" TYPE text COLLATE "C";--> statement-breakpoint
CREATE INDEX "audit_org_path_idx" ON "audit_log" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "orgs_path_idx" ON "orgs" USING btree ("path");
