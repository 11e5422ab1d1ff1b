CREATE TABLE "compliance_unit_misses" (
	"unit_path" text COLLATE "C" NOT NULL,
	"due_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"misses" integer NOT NULL,
	CONSTRAINT "compliance_unit_misses_unit_path_due_on_closes_on_pk" PRIMARY KEY("unit_path","due_on","closes_on")
);
--> statement-breakpoint
CREATE INDEX "compliance_unit_misses_due_idx" ON "compliance_unit_misses" USING btree ("due_on","closes_on","unit_path","misses");--> statement-breakpoint
-- Built with the rest of the rollup: the next refresh rebuilds it.
DELETE FROM "compliance_misses";--> statement-breakpoint
DELETE FROM "compliance_rollup_state";
